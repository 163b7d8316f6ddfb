//go:build wasip1

package fastlyabi

import "unsafe"

// Raw hostcalls for KV stores, ACLs, edge rate limiting, the core and HTTP caches, purging and
// the cache override of send, declared as in raw_wasip1.go. raw_platform_stub.go must declare
// the same functions (TestStubsMatchImports checks it).

// KVStoreOpen opens the named KV store and writes its handle.
//
//go:wasmimport fastly_kv_store open
//go:noescape
func KVStoreOpen(name unsafe.Pointer, nameLen uint32, storeOut unsafe.Pointer) Status

// KVStoreLookup starts looking key up.
//
//go:wasmimport fastly_kv_store lookup
//go:noescape
func KVStoreLookup(store uint32, key unsafe.Pointer, keyLen uint32, mask uint32, config unsafe.Pointer, handleOut unsafe.Pointer) Status

// KVStoreLookupWaitV2 collects a lookup: body, metadata, 64-bit generation and kv_error.
//
//go:wasmimport fastly_kv_store lookup_wait_v2
//go:noescape
func KVStoreLookupWaitV2(handle uint32, bodyOut unsafe.Pointer, metadata unsafe.Pointer, metadataLen uint32, nwrittenOut unsafe.Pointer, generationOut unsafe.Pointer, kvErrorOut unsafe.Pointer) Status

// KVStoreInsert starts storing body under key.
//
//go:wasmimport fastly_kv_store insert
//go:noescape
func KVStoreInsert(store uint32, key unsafe.Pointer, keyLen uint32, body uint32, mask uint32, config unsafe.Pointer, handleOut unsafe.Pointer) Status

// KVStoreInsertWait collects an insert.
//
//go:wasmimport fastly_kv_store insert_wait
//go:noescape
func KVStoreInsertWait(handle uint32, kvErrorOut unsafe.Pointer) Status

// KVStoreDelete starts deleting key.
//
//go:wasmimport fastly_kv_store delete
//go:noescape
func KVStoreDelete(store uint32, key unsafe.Pointer, keyLen uint32, mask uint32, config unsafe.Pointer, handleOut unsafe.Pointer) Status

// KVStoreDeleteWait collects a delete.
//
//go:wasmimport fastly_kv_store delete_wait
//go:noescape
func KVStoreDeleteWait(handle uint32, kvErrorOut unsafe.Pointer) Status

// KVStoreList starts listing keys.
//
//go:wasmimport fastly_kv_store list
//go:noescape
func KVStoreList(store uint32, mask uint32, config unsafe.Pointer, handleOut unsafe.Pointer) Status

// KVStoreListWait collects a listing (a JSON body).
//
//go:wasmimport fastly_kv_store list_wait
//go:noescape
func KVStoreListWait(handle uint32, bodyOut unsafe.Pointer, kvErrorOut unsafe.Pointer) Status

// ACLOpen opens the named ACL; StatusNone if there is none.
//
//go:wasmimport fastly_acl open
//go:noescape
func ACLOpen(name unsafe.Pointer, nameLen uint32, aclOut unsafe.Pointer) Status

// ACLLookup looks an address (4 or 16 octets) up.
//
//go:wasmimport fastly_acl lookup
//go:noescape
func ACLLookup(acl uint32, ip unsafe.Pointer, ipLen uint32, bodyOut unsafe.Pointer, aclErrorOut unsafe.Pointer) Status

// ERLCheckRate counts delta and blocks the entry when over limit.
//
//go:wasmimport fastly_erl check_rate
//go:noescape
func ERLCheckRate(rc unsafe.Pointer, rcLen uint32, entry unsafe.Pointer, entryLen uint32, delta uint32, window uint32, limit uint32, pb unsafe.Pointer, pbLen uint32, ttl uint32, blockedOut unsafe.Pointer) Status

// ERLRateCounterIncrement adds delta to the entry's counter.
//
//go:wasmimport fastly_erl ratecounter_increment
//go:noescape
func ERLRateCounterIncrement(rc unsafe.Pointer, rcLen uint32, entry unsafe.Pointer, entryLen uint32, delta uint32) Status

// ERLRateCounterLookupCount gives the entry's count over duration seconds.
//
//go:wasmimport fastly_erl ratecounter_lookup_count
//go:noescape
func ERLRateCounterLookupCount(rc unsafe.Pointer, rcLen uint32, entry unsafe.Pointer, entryLen uint32, duration uint32, countOut unsafe.Pointer) Status

// ERLPenaltyBoxAdd puts the entry in the penalty box.
//
//go:wasmimport fastly_erl penaltybox_add
//go:noescape
func ERLPenaltyBoxAdd(pb unsafe.Pointer, pbLen uint32, entry unsafe.Pointer, entryLen uint32, ttl uint32) Status

// ERLPenaltyBoxHas tells whether the penalty box holds the entry.
//
//go:wasmimport fastly_erl penaltybox_has
//go:noescape
func ERLPenaltyBoxHas(pb unsafe.Pointer, pbLen uint32, entry unsafe.Pointer, entryLen uint32, hasOut unsafe.Pointer) Status

// CacheLookup looks a key up in the core cache.
//
//go:wasmimport fastly_cache lookup
//go:noescape
func CacheLookup(key unsafe.Pointer, keyLen uint32, mask uint32, options unsafe.Pointer, handleOut unsafe.Pointer) Status

// CacheInsert inserts into the core cache; the body handle takes the value.
//
//go:wasmimport fastly_cache insert
//go:noescape
func CacheInsert(key unsafe.Pointer, keyLen uint32, mask uint32, options unsafe.Pointer, bodyOut unsafe.Pointer) Status

// CacheTransactionLookup looks a key up with request collapsing.
//
//go:wasmimport fastly_cache transaction_lookup
//go:noescape
func CacheTransactionLookup(key unsafe.Pointer, keyLen uint32, mask uint32, options unsafe.Pointer, handleOut unsafe.Pointer) Status

// CacheTransactionInsert fulfils a transaction's obligation.
//
//go:wasmimport fastly_cache transaction_insert
//go:noescape
func CacheTransactionInsert(handle uint32, mask uint32, options unsafe.Pointer, bodyOut unsafe.Pointer) Status

// CacheClose releases a cache handle.
//
//go:wasmimport fastly_cache close
//go:noescape
func CacheClose(handle uint32) Status

// CacheGetState gives the cache_lookup_state bits.
//
//go:wasmimport fastly_cache get_state
//go:noescape
func CacheGetState(handle uint32, stateOut unsafe.Pointer) Status

// CacheGetUserMetadata copies the found object's user metadata.
//
//go:wasmimport fastly_cache get_user_metadata
//go:noescape
func CacheGetUserMetadata(handle uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status

// CacheGetBody gives a body handle reading the found object.
//
//go:wasmimport fastly_cache get_body
//go:noescape
func CacheGetBody(handle uint32, mask uint32, options unsafe.Pointer, bodyOut unsafe.Pointer) Status

// CacheGetHits gives how often the found object was served.
//
//go:wasmimport fastly_cache get_hits
//go:noescape
func CacheGetHits(handle uint32, hitsOut unsafe.Pointer) Status

// HTTPCacheTransactionLookup looks a request up in the HTTP cache with request collapsing.
//
//go:wasmimport fastly_http_cache transaction_lookup
//go:noescape
func HTTPCacheTransactionLookup(req uint32, mask uint32, options unsafe.Pointer, handleOut unsafe.Pointer) Status

// HTTPCacheTransactionInsert stores a response; the body handle takes its body.
//
//go:wasmimport fastly_http_cache transaction_insert
//go:noescape
func HTTPCacheTransactionInsert(handle uint32, resp uint32, mask uint32, options unsafe.Pointer, bodyOut unsafe.Pointer) Status

// HTTPCacheGetSuggestedBackendRequest builds the request to send to the backend.
//
//go:wasmimport fastly_http_cache get_suggested_backend_request
//go:noescape
func HTTPCacheGetSuggestedBackendRequest(handle uint32, reqOut unsafe.Pointer) Status

// HTTPCacheGetFoundResponse gives the stored response and its body.
//
//go:wasmimport fastly_http_cache get_found_response
//go:noescape
func HTTPCacheGetFoundResponse(handle uint32, transformForClient uint32, respOut unsafe.Pointer, bodyOut unsafe.Pointer) Status

// HTTPCacheGetState gives the cache_lookup_state bits.
//
//go:wasmimport fastly_http_cache get_state
//go:noescape
func HTTPCacheGetState(handle uint32, stateOut unsafe.Pointer) Status

// HTTPCacheGetHits gives how often the found response was served.
//
//go:wasmimport fastly_http_cache get_hits
//go:noescape
func HTTPCacheGetHits(handle uint32, hitsOut unsafe.Pointer) Status

// HTTPCacheTransactionAbandon gives up the obligation to provide a response.
//
//go:wasmimport fastly_http_cache transaction_abandon
//go:noescape
func HTTPCacheTransactionAbandon(handle uint32) Status

// PurgeSurrogateKey purges everything tagged with the surrogate key.
//
//go:wasmimport fastly_purge purge_surrogate_key
//go:noescape
func PurgeSurrogateKey(key unsafe.Pointer, keyLen uint32, mask uint32, options unsafe.Pointer) Status

// HTTPReqCacheOverrideV2Set sets the request's cache override for send's readthrough cache.
//
//go:wasmimport fastly_http_req cache_override_v2_set
//go:noescape
func HTTPReqCacheOverrideV2Set(req uint32, tag uint32, ttl uint32, swr uint32, surrogateKeys unsafe.Pointer, surrogateKeysLen uint32) Status
