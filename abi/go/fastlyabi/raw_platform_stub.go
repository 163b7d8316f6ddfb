//go:build !wasip1

package fastlyabi

import "unsafe"

// Stubs of the raw hostcalls in raw_platform_wasip1.go for builds outside GOOS=wasip1; each
// returns StatusUnsupported.

// KVStoreOpen opens the named KV store and writes its handle.
func KVStoreOpen(name unsafe.Pointer, nameLen uint32, storeOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// KVStoreLookup starts looking key up.
func KVStoreLookup(store uint32, key unsafe.Pointer, keyLen uint32, mask uint32, config unsafe.Pointer, handleOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// KVStoreLookupWaitV2 collects a lookup: body, metadata, 64-bit generation and kv_error.
func KVStoreLookupWaitV2(handle uint32, bodyOut unsafe.Pointer, metadata unsafe.Pointer, metadataLen uint32, nwrittenOut unsafe.Pointer, generationOut unsafe.Pointer, kvErrorOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// KVStoreInsert starts storing body under key.
func KVStoreInsert(store uint32, key unsafe.Pointer, keyLen uint32, body uint32, mask uint32, config unsafe.Pointer, handleOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// KVStoreInsertWait collects an insert.
func KVStoreInsertWait(handle uint32, kvErrorOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// KVStoreDelete starts deleting key.
func KVStoreDelete(store uint32, key unsafe.Pointer, keyLen uint32, mask uint32, config unsafe.Pointer, handleOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// KVStoreDeleteWait collects a delete.
func KVStoreDeleteWait(handle uint32, kvErrorOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// KVStoreList starts listing keys.
func KVStoreList(store uint32, mask uint32, config unsafe.Pointer, handleOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// KVStoreListWait collects a listing (a JSON body).
func KVStoreListWait(handle uint32, bodyOut unsafe.Pointer, kvErrorOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ACLOpen opens the named ACL; StatusNone if there is none.
func ACLOpen(name unsafe.Pointer, nameLen uint32, aclOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ACLLookup looks an address (4 or 16 octets) up.
func ACLLookup(acl uint32, ip unsafe.Pointer, ipLen uint32, bodyOut unsafe.Pointer, aclErrorOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ERLCheckRate counts delta and blocks the entry when over limit.
func ERLCheckRate(rc unsafe.Pointer, rcLen uint32, entry unsafe.Pointer, entryLen uint32, delta uint32, window uint32, limit uint32, pb unsafe.Pointer, pbLen uint32, ttl uint32, blockedOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ERLRateCounterIncrement adds delta to the entry's counter.
func ERLRateCounterIncrement(rc unsafe.Pointer, rcLen uint32, entry unsafe.Pointer, entryLen uint32, delta uint32) Status {
	return StatusUnsupported
}

// ERLRateCounterLookupCount gives the entry's count over duration seconds.
func ERLRateCounterLookupCount(rc unsafe.Pointer, rcLen uint32, entry unsafe.Pointer, entryLen uint32, duration uint32, countOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ERLPenaltyBoxAdd puts the entry in the penalty box.
func ERLPenaltyBoxAdd(pb unsafe.Pointer, pbLen uint32, entry unsafe.Pointer, entryLen uint32, ttl uint32) Status {
	return StatusUnsupported
}

// ERLPenaltyBoxHas tells whether the penalty box holds the entry.
func ERLPenaltyBoxHas(pb unsafe.Pointer, pbLen uint32, entry unsafe.Pointer, entryLen uint32, hasOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CacheLookup looks a key up in the core cache.
func CacheLookup(key unsafe.Pointer, keyLen uint32, mask uint32, options unsafe.Pointer, handleOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CacheInsert inserts into the core cache; the body handle takes the value.
func CacheInsert(key unsafe.Pointer, keyLen uint32, mask uint32, options unsafe.Pointer, bodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CacheTransactionLookup looks a key up with request collapsing.
func CacheTransactionLookup(key unsafe.Pointer, keyLen uint32, mask uint32, options unsafe.Pointer, handleOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CacheTransactionInsert fulfils a transaction's obligation.
func CacheTransactionInsert(handle uint32, mask uint32, options unsafe.Pointer, bodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CacheClose releases a cache handle.
func CacheClose(handle uint32) Status {
	return StatusUnsupported
}

// CacheGetState gives the cache_lookup_state bits.
func CacheGetState(handle uint32, stateOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CacheGetUserMetadata copies the found object's user metadata.
func CacheGetUserMetadata(handle uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CacheGetBody gives a body handle reading the found object.
func CacheGetBody(handle uint32, mask uint32, options unsafe.Pointer, bodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CacheGetHits gives how often the found object was served.
func CacheGetHits(handle uint32, hitsOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPCacheTransactionLookup looks a request up in the HTTP cache with request collapsing.
func HTTPCacheTransactionLookup(req uint32, mask uint32, options unsafe.Pointer, handleOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPCacheTransactionInsert stores a response; the body handle takes its body.
func HTTPCacheTransactionInsert(handle uint32, resp uint32, mask uint32, options unsafe.Pointer, bodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPCacheGetSuggestedBackendRequest builds the request to send to the backend.
func HTTPCacheGetSuggestedBackendRequest(handle uint32, reqOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPCacheGetFoundResponse gives the stored response and its body.
func HTTPCacheGetFoundResponse(handle uint32, transformForClient uint32, respOut unsafe.Pointer, bodyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPCacheGetState gives the cache_lookup_state bits.
func HTTPCacheGetState(handle uint32, stateOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPCacheGetHits gives how often the found response was served.
func HTTPCacheGetHits(handle uint32, hitsOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPCacheTransactionAbandon gives up the obligation to provide a response.
func HTTPCacheTransactionAbandon(handle uint32) Status {
	return StatusUnsupported
}

// PurgeSurrogateKey purges everything tagged with the surrogate key.
func PurgeSurrogateKey(key unsafe.Pointer, keyLen uint32, mask uint32, options unsafe.Pointer) Status {
	return StatusUnsupported
}

// HTTPReqCacheOverrideV2Set sets the request's cache override for send's readthrough cache.
func HTTPReqCacheOverrideV2Set(req uint32, tag uint32, ttl uint32, swr uint32, surrogateKeys unsafe.Pointer, surrogateKeysLen uint32) Status {
	return StatusUnsupported
}
