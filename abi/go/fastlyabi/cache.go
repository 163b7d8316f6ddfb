package fastlyabi

import (
	"io"
	"runtime"
	"unsafe"
)

// cache_lookup_state bits.
const (
	CacheFound               uint32 = 1
	CacheUsable              uint32 = 2
	CacheStale               uint32 = 4
	CacheMustInsertOrUpdate  uint32 = 8
	cacheWriteSWR            uint32 = 16
	cacheWriteSurrogateKeys  uint32 = 32
	cacheWriteLength         uint32 = 64
	cacheWriteUserMetadata   uint32 = 128
	httpCacheWriteSurrogates uint32 = 16
	httpCacheWriteLength     uint32 = 32
)

// CacheWriteOptions say how an object is stored in the core cache; zero values are not sent.
type CacheWriteOptions struct {
	MaxAgeNs               uint64
	StaleWhileRevalidateNs uint64
	// SurrogateKeys are space-separated.
	SurrogateKeys string
	UserMetadata  []byte
}

// cacheWriteOptions is the cache_write_options record (80 bytes, align 8).
type cacheWriteOptions struct {
	MaxAgeNs               uint64
	RequestHeaders         uint32
	VaryRule               uint32
	VaryRuleLen            uint32
	_                      uint32
	InitialAgeNs           uint64
	StaleWhileRevalidateNs uint64
	SurrogateKeys          uint32
	SurrogateKeysLen       uint32
	Length                 uint64
	UserMetadata           uint32
	UserMetadataLen        uint32
	EdgeMaxAgeNs           uint64
	ServiceID              uint32
	ServiceIDLen           uint32
}

// httpCacheWriteOptions is the http_cache_write_options record (48 bytes, align 8).
type httpCacheWriteOptions struct {
	MaxAgeNs               uint64
	VaryRule               uint32
	VaryRuleLen            uint32
	InitialAgeNs           uint64
	StaleWhileRevalidateNs uint64
	SurrogateKeys          uint32
	SurrogateKeysLen       uint32
	Length                 uint64
}

// raw turns o into the record and mask for a value of length bytes.
func (o CacheWriteOptions) raw(length int) (uint32, cacheWriteOptions) {
	mask := cacheWriteLength
	r := cacheWriteOptions{MaxAgeNs: o.MaxAgeNs, Length: uint64(length)}
	if o.StaleWhileRevalidateNs != 0 {
		mask |= cacheWriteSWR
		r.StaleWhileRevalidateNs = o.StaleWhileRevalidateNs
	}
	if o.SurrogateKeys != "" {
		mask |= cacheWriteSurrogateKeys
		r.SurrogateKeys, r.SurrogateKeysLen = addr32(o.SurrogateKeys), uint32(len(o.SurrogateKeys))
	}
	if len(o.UserMetadata) > 0 {
		mask |= cacheWriteUserMetadata
		r.UserMetadata, r.UserMetadataLen = uint32(uintptr(unsafe.Pointer(unsafe.SliceData(o.UserMetadata)))), uint32(len(o.UserMetadata))
	}
	return mask, r
}

// fillBody writes value into the body handle h and closes it, finishing a cached object.
func fillBody(h uint32, value []byte) error {
	b := Body{h}
	if _, err := b.Write(value); err != nil {
		return err
	}
	return b.Close()
}

// CacheEntry is a core-cache handle (fastly_cache): a lookup's result, possibly with the
// obligation to insert.
type CacheEntry struct{ handle uint32 }

// Handle returns the raw cache handle.
func (e CacheEntry) Handle() uint32 { return e.handle }

// CacheLookupKey looks key up in the core cache without collapsing; found is false when
// nothing is stored.
func CacheLookupKey(key string) (entry CacheEntry, found bool, err error) {
	kp, kl := strArg(key)
	var opts [3]uint32
	h := InvalidHandle
	st := CacheLookup(kp, kl, 0, unsafe.Pointer(&opts), unsafe.Pointer(&h))
	runtime.KeepAlive(kp)
	if st != StatusOK {
		return CacheEntry{InvalidHandle}, false, st
	}
	e := CacheEntry{h}
	state, err := e.State()
	if err != nil || state&CacheFound == 0 {
		e.Close()
		return CacheEntry{InvalidHandle}, false, err
	}
	return e, true, nil
}

// CacheInsertKey stores value under key in the core cache unconditionally.
func CacheInsertKey(key string, value []byte, opts CacheWriteOptions) error {
	mask, raw := opts.raw(len(value))
	kp, kl := strArg(key)
	body := InvalidHandle
	st := CacheInsert(kp, kl, mask, unsafe.Pointer(&raw), unsafe.Pointer(&body))
	runtime.KeepAlive(kp)
	runtime.KeepAlive(opts.SurrogateKeys)
	runtime.KeepAlive(opts.UserMetadata)
	if st != StatusOK {
		return st
	}
	return fillBody(body, value)
}

// CacheTransactionLookupKey looks key up with request collapsing: when State has
// CacheMustInsertOrUpdate this client must insert, and concurrent lookups wait for it.
func CacheTransactionLookupKey(key string) (CacheEntry, error) {
	kp, kl := strArg(key)
	var opts [3]uint32
	h := InvalidHandle
	st := CacheTransactionLookup(kp, kl, 0, unsafe.Pointer(&opts), unsafe.Pointer(&h))
	runtime.KeepAlive(kp)
	if st != StatusOK {
		return CacheEntry{InvalidHandle}, st
	}
	return CacheEntry{h}, nil
}

// State returns the cache_lookup_state bits.
func (e CacheEntry) State() (uint32, error) {
	var s uint32
	return s, CacheGetState(e.handle, unsafe.Pointer(&s)).Err()
}

// Hits returns how often the object was served.
func (e CacheEntry) Hits() (uint64, error) {
	var n uint64
	return n, CacheGetHits(e.handle, unsafe.Pointer(&n)).Err()
}

// Body returns the whole cached value.
func (e CacheEntry) Body() ([]byte, error) {
	var opts [2]uint64
	b := InvalidHandle
	if err := CacheGetBody(e.handle, 0, unsafe.Pointer(&opts), unsafe.Pointer(&b)).Err(); err != nil {
		return nil, err
	}
	return io.ReadAll(Body{b})
}

// UserMetadata returns the object's user metadata.
func (e CacheEntry) UserMetadata() (string, error) {
	v, st := readSingleValue(16, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
		return CacheGetUserMetadata(e.handle, buf, bufLen, nwOut)
	})
	return v, st.Err()
}

// Insert fulfils this transaction's obligation by storing value.
func (e CacheEntry) Insert(value []byte, opts CacheWriteOptions) error {
	mask, raw := opts.raw(len(value))
	body := InvalidHandle
	st := CacheTransactionInsert(e.handle, mask, unsafe.Pointer(&raw), unsafe.Pointer(&body))
	runtime.KeepAlive(opts.SurrogateKeys)
	runtime.KeepAlive(opts.UserMetadata)
	if st != StatusOK {
		return st
	}
	return fillBody(body, value)
}

// Close releases the handle.
func (e CacheEntry) Close() error { return CacheClose(e.handle).Err() }

// HTTPCacheTransaction is an HTTP-cache transaction for one request (fastly_http_cache).
type HTTPCacheTransaction struct{ handle uint32 }

// HTTPCacheLookup looks req up with request collapsing (the request is not consumed).
func HTTPCacheLookup(req Request) (HTTPCacheTransaction, error) {
	var opts [4]uint32
	h := InvalidHandle
	if err := HTTPCacheTransactionLookup(req.handle, 0, unsafe.Pointer(&opts), unsafe.Pointer(&h)).Err(); err != nil {
		return HTTPCacheTransaction{InvalidHandle}, err
	}
	return HTTPCacheTransaction{h}, nil
}

// State returns the cache_lookup_state bits.
func (t HTTPCacheTransaction) State() (uint32, error) {
	var s uint32
	return s, HTTPCacheGetState(t.handle, unsafe.Pointer(&s)).Err()
}

// Hits returns how often the found response was served.
func (t HTTPCacheTransaction) Hits() (uint64, error) {
	var n uint64
	return n, HTTPCacheGetHits(t.handle, unsafe.Pointer(&n)).Err()
}

// SuggestedBackendRequest returns the request to send to the backend to fill the entry.
func (t HTTPCacheTransaction) SuggestedBackendRequest() (Request, error) {
	r := InvalidHandle
	err := HTTPCacheGetSuggestedBackendRequest(t.handle, unsafe.Pointer(&r)).Err()
	return Request{r}, err
}

// FoundResponse returns the stored response and its body.
func (t HTTPCacheTransaction) FoundResponse() (Response, Body, error) {
	r, b := InvalidHandle, InvalidHandle
	err := HTTPCacheGetFoundResponse(t.handle, 1, unsafe.Pointer(&r), unsafe.Pointer(&b)).Err()
	return Response{r}, Body{b}, err
}

// Insert stores resp with body for maxAgeNs, tagged with surrogateKeys (space-separated).
func (t HTTPCacheTransaction) Insert(resp Response, body []byte, maxAgeNs uint64, surrogateKeys string) error {
	mask := httpCacheWriteLength
	raw := httpCacheWriteOptions{MaxAgeNs: maxAgeNs, Length: uint64(len(body))}
	if surrogateKeys != "" {
		mask |= httpCacheWriteSurrogates
		raw.SurrogateKeys, raw.SurrogateKeysLen = addr32(surrogateKeys), uint32(len(surrogateKeys))
	}
	h := InvalidHandle
	st := HTTPCacheTransactionInsert(t.handle, resp.handle, mask, unsafe.Pointer(&raw), unsafe.Pointer(&h))
	runtime.KeepAlive(surrogateKeys)
	if st != StatusOK {
		return st
	}
	return fillBody(h, body)
}

// Abandon gives up the obligation to provide a response.
func (t HTTPCacheTransaction) Abandon() error { return HTTPCacheTransactionAbandon(t.handle).Err() }

// PurgeSurrogateKeyNow purges everything in the cache tagged with key.
func PurgeSurrogateKeyNow(key string) error {
	kp, kl := strArg(key)
	var opts [3]uint32
	st := PurgeSurrogateKey(kp, kl, 0, unsafe.Pointer(&opts))
	runtime.KeepAlive(kp)
	return st.Err()
}

// CacheOverride says how send's readthrough cache treats one request.
type CacheOverride struct {
	// Pass never uses the cache for this request.
	Pass bool
	// TTLSec, when not 0, stores the response this long whatever its headers say.
	TTLSec uint32
	// StaleWhileRevalidateSec, when not 0, serves a stale response this long while refreshing.
	StaleWhileRevalidateSec uint32
	// SurrogateKeys (space-separated) tag the stored response.
	SurrogateKeys string
}

// SetCacheOverride applies o to the request (cache_override_v2_set).
func (r Request) SetCacheOverride(o CacheOverride) error {
	var tag uint32
	if o.Pass {
		tag |= 1
	}
	if o.TTLSec != 0 {
		tag |= 2
	}
	if o.StaleWhileRevalidateSec != 0 {
		tag |= 4
	}
	kp, kl := strArg(o.SurrogateKeys)
	st := HTTPReqCacheOverrideV2Set(r.handle, tag, o.TTLSec, o.StaleWhileRevalidateSec, kp, kl)
	runtime.KeepAlive(kp)
	return st.Err()
}
