package fastlyabi

import (
	"io"
	"runtime"
	"unsafe"
)

// KVError is a kv_error value: how a KV store operation went (KVOK when it succeeded).
type KVError uint32

// kv_error values (abi/spec/types.abi).
const (
	KVUninitialized      KVError = 0
	KVOK                 KVError = 1
	KVBadRequest         KVError = 2
	KVNotFound           KVError = 3
	KVPreconditionFailed KVError = 4
	KVPayloadTooLarge    KVError = 5
	KVInternalError      KVError = 6
	KVTooManyRequests    KVError = 7
)

var kvErrorNames = [...]string{"uninitialized", "ok", "bad_request", "not_found", "precondition_failed",
	"payload_too_large", "internal_error", "too_many_requests"}

// String returns the witx name of e.
func (e KVError) String() string {
	if int(e) < len(kvErrorNames) {
		return kvErrorNames[e]
	}
	return "unknown"
}

// KVInsertMode says how an insert combines with a value already stored.
type KVInsertMode uint32

// kv_insert_mode values.
const (
	KVOverwrite KVInsertMode = 0
	KVAdd       KVInsertMode = 1
	KVAppend    KVInsertMode = 2
	KVPrepend   KVInsertMode = 3
)

// KVInsertOptions are the options of KVStore.Insert; zero values are not sent.
type KVInsertOptions struct {
	Mode              KVInsertMode
	Metadata          string
	TTLSec            uint32
	IfGenerationMatch uint64
	// HasGeneration sends IfGenerationMatch even when it is 0.
	HasGeneration bool
}

// kvInsertConfig is the kv_insert_config record (32 bytes, align 8).
type kvInsertConfig struct {
	Mode              uint32
	Unused            uint32
	Metadata          uint32
	MetadataLen       uint32
	TTLSec            uint32
	_                 uint32
	IfGenerationMatch uint64
}

// kvListConfig is the kv_list_config record (24 bytes).
type kvListConfig struct {
	Mode      uint32
	Cursor    uint32
	CursorLen uint32
	Limit     uint32
	Prefix    uint32
	PrefixLen uint32
}

// kv_insert_config_options and kv_list_config_options bits.
const (
	kvInsertMetadata   uint32 = 8
	kvInsertTTL        uint32 = 16
	kvInsertGeneration uint32 = 32
	kvListCursor       uint32 = 2
	kvListLimit        uint32 = 4
	kvListPrefix       uint32 = 8
)

// KVStore is a handle to an open KV store (fastly_kv_store).
type KVStore struct{ handle uint32 }

// Handle returns the raw KV store handle.
func (s KVStore) Handle() uint32 { return s.handle }

// OpenKVStore opens the named KV store; an unknown name is StatusInval.
func OpenKVStore(name string) (KVStore, error) {
	h, st := openByName(name, KVStoreOpen)
	if st != StatusOK {
		return KVStore{InvalidHandle}, initErrOr(st)
	}
	return KVStore{h}, nil
}

// KVEntry is a value found by KVStore.Lookup.
type KVEntry struct {
	Body       Body
	Metadata   string
	Generation uint64
}

// Lookup looks key up: the entry and KVOK when found, else the kv_error (e.g. KVNotFound).
func (s KVStore) Lookup(key string) (KVEntry, KVError, error) {
	kp, kl := strArg(key)
	var cfg uint32
	pending := InvalidHandle
	st := KVStoreLookup(s.handle, kp, kl, 0, unsafe.Pointer(&cfg), unsafe.Pointer(&pending))
	runtime.KeepAlive(kp)
	if st != StatusOK {
		return KVEntry{}, KVUninitialized, st
	}
	meta := make([]byte, 16)
	for {
		body := InvalidHandle
		var nwritten uint32
		var generation uint64
		var kvErr KVError
		mp, ml := bytesArg(meta)
		st := KVStoreLookupWaitV2(pending, unsafe.Pointer(&body), mp, ml, unsafe.Pointer(&nwritten),
			unsafe.Pointer(&generation), unsafe.Pointer(&kvErr))
		runtime.KeepAlive(meta)
		if st == StatusBuflen && int(nwritten) > len(meta) && nwritten <= maxHostBuf {
			meta = make([]byte, nwritten)
			continue
		}
		if st != StatusOK {
			return KVEntry{}, kvErr, st
		}
		if kvErr != KVOK {
			return KVEntry{}, kvErr, nil
		}
		return KVEntry{Body{body}, string(meta[:nwritten]), generation}, KVOK, nil
	}
}

// Insert stores value under key with opts and answers the kv_error: KVOK when stored,
// KVPreconditionFailed when an add found a value or the generation did not match.
func (s KVStore) Insert(key string, value []byte, opts KVInsertOptions) (KVError, error) {
	body, err := NewBody()
	if err != nil {
		return KVUninitialized, err
	}
	if _, err := body.Write(value); err != nil {
		return KVUninitialized, err
	}
	var mask uint32
	cfg := kvInsertConfig{Mode: uint32(opts.Mode)}
	if opts.Metadata != "" {
		mask |= kvInsertMetadata
		cfg.Metadata, cfg.MetadataLen = addr32(opts.Metadata), uint32(len(opts.Metadata))
	}
	if opts.TTLSec != 0 {
		mask |= kvInsertTTL
		cfg.TTLSec = opts.TTLSec
	}
	if opts.HasGeneration || opts.IfGenerationMatch != 0 {
		mask |= kvInsertGeneration
		cfg.IfGenerationMatch = opts.IfGenerationMatch
	}
	kp, kl := strArg(key)
	pending := InvalidHandle
	st := KVStoreInsert(s.handle, kp, kl, body.handle, mask, unsafe.Pointer(&cfg), unsafe.Pointer(&pending))
	runtime.KeepAlive(kp)
	runtime.KeepAlive(opts.Metadata)
	if st != StatusOK {
		return KVUninitialized, st
	}
	var kvErr KVError
	if st := KVStoreInsertWait(pending, unsafe.Pointer(&kvErr)); st != StatusOK {
		return kvErr, st
	}
	return kvErr, nil
}

// Delete deletes key and answers the kv_error (KVNotFound when there was nothing).
func (s KVStore) Delete(key string) (KVError, error) {
	kp, kl := strArg(key)
	var cfg uint32
	pending := InvalidHandle
	st := KVStoreDelete(s.handle, kp, kl, 0, unsafe.Pointer(&cfg), unsafe.Pointer(&pending))
	runtime.KeepAlive(kp)
	if st != StatusOK {
		return KVUninitialized, st
	}
	var kvErr KVError
	if st := KVStoreDeleteWait(pending, unsafe.Pointer(&kvErr)); st != StatusOK {
		return kvErr, st
	}
	return kvErr, nil
}

// List lists keys under prefix (if not empty), after cursor (if not empty), at most limit (if
// not 0): the host's JSON listing {"data": [...], "meta": {...}} and KVOK, or the kv_error.
func (s KVStore) List(prefix, cursor string, limit uint32) ([]byte, KVError, error) {
	var mask uint32
	var cfg kvListConfig
	if prefix != "" {
		mask |= kvListPrefix
		cfg.Prefix, cfg.PrefixLen = addr32(prefix), uint32(len(prefix))
	}
	if cursor != "" {
		mask |= kvListCursor
		cfg.Cursor, cfg.CursorLen = addr32(cursor), uint32(len(cursor))
	}
	if limit != 0 {
		mask |= kvListLimit
		cfg.Limit = limit
	}
	pending := InvalidHandle
	st := KVStoreList(s.handle, mask, unsafe.Pointer(&cfg), unsafe.Pointer(&pending))
	runtime.KeepAlive(prefix)
	runtime.KeepAlive(cursor)
	if st != StatusOK {
		return nil, KVUninitialized, st
	}
	body := InvalidHandle
	var kvErr KVError
	if st := KVStoreListWait(pending, unsafe.Pointer(&body), unsafe.Pointer(&kvErr)); st != StatusOK {
		return nil, kvErr, st
	}
	if kvErr != KVOK {
		return nil, kvErr, nil
	}
	out, err := io.ReadAll(Body{body})
	return out, KVOK, err
}
