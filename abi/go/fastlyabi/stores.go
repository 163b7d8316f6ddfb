package fastlyabi

import (
	"runtime"
	"unsafe"
)

// storeValueInitialBuf is the first buffer size store getters try; they grow on buflen.
const storeValueInitialBuf = 64

// openByName runs an open hostcall (name in, handle out) and returns the handle.
func openByName(name string, raw func(name unsafe.Pointer, nameLen uint32, out unsafe.Pointer) Status) (uint32, Status) {
	if initErr != nil {
		return InvalidHandle, StatusError
	}
	np, nl := strArg(name)
	h := InvalidHandle
	st := raw(np, nl, unsafe.Pointer(&h))
	runtime.KeepAlive(np)
	return h, st
}

// storeGet runs a get hostcall (handle and key in, value out) and reports whether the key exists.
func storeGet(h uint32, key string,
	raw func(h uint32, key unsafe.Pointer, keyLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwOut unsafe.Pointer) Status,
) (string, bool, error) {
	return getByName(h, key, storeValueInitialBuf, raw)
}

// getByName runs a hostcall that looks a name up on a handle (a header, a store key) with the
// buflen protocol, starting from a buffer of initial bytes; StatusNone means absent.
func getByName(h uint32, name string, initial int,
	raw func(h uint32, name unsafe.Pointer, nameLen uint32, buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status,
) (string, bool, error) {
	np, nl := strArg(name)
	v, st := readSingleValue(initial, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
		return raw(h, np, nl, buf, bufLen, nwOut)
	})
	runtime.KeepAlive(np)
	switch st {
	case StatusOK:
		return v, true, nil
	case StatusNone:
		return "", false, nil
	default:
		return "", false, st
	}
}

// ConfigStore is a handle to an open config store (fastly_config_store).
type ConfigStore struct{ handle uint32 }

// Handle returns the raw config store handle.
func (s ConfigStore) Handle() uint32 { return s.handle }

// OpenConfigStore opens the named config store; an unknown name is an error (badf or inval).
func OpenConfigStore(name string) (ConfigStore, error) {
	h, st := openByName(name, ConfigStoreOpen)
	if st != StatusOK {
		return ConfigStore{InvalidHandle}, initErrOr(st)
	}
	return ConfigStore{h}, nil
}

// Get returns the value stored under key and whether there is one.
func (s ConfigStore) Get(key string) (string, bool, error) {
	return storeGet(s.handle, key, ConfigStoreGet)
}

// Dictionary is a handle to an open dictionary (fastly_dictionary, the older form of config stores).
type Dictionary struct{ handle uint32 }

// Handle returns the raw dictionary handle.
func (d Dictionary) Handle() uint32 { return d.handle }

// OpenDictionary opens the named dictionary; an unknown name is StatusBadf.
func OpenDictionary(name string) (Dictionary, error) {
	h, st := openByName(name, DictionaryOpen)
	if st != StatusOK {
		return Dictionary{InvalidHandle}, initErrOr(st)
	}
	return Dictionary{h}, nil
}

// Get returns the value stored under key and whether there is one.
func (d Dictionary) Get(key string) (string, bool, error) {
	return storeGet(d.handle, key, DictionaryGet)
}

// SecretStore is a handle to an open secret store (fastly_secret_store).
type SecretStore struct{ handle uint32 }

// Handle returns the raw secret store handle.
func (s SecretStore) Handle() uint32 { return s.handle }

// OpenSecretStore opens the named secret store; ok is false if there is no such store.
func OpenSecretStore(name string) (store SecretStore, ok bool, err error) {
	h, st := openByName(name, SecretStoreOpen)
	switch st {
	case StatusOK:
		return SecretStore{h}, true, nil
	case StatusNone:
		return SecretStore{InvalidHandle}, false, nil
	default:
		return SecretStore{InvalidHandle}, false, initErrOr(st)
	}
}

// Get looks up the named secret; ok is false if the store has none.
func (s SecretStore) Get(key string) (secret Secret, ok bool, err error) {
	kp, kl := strArg(key)
	h := InvalidHandle
	st := SecretStoreGet(s.handle, kp, kl, unsafe.Pointer(&h))
	runtime.KeepAlive(kp)
	switch st {
	case StatusOK:
		return Secret{h}, true, nil
	case StatusNone:
		return Secret{InvalidHandle}, false, nil
	default:
		return Secret{InvalidHandle}, false, st
	}
}

// Secret is a handle to a secret looked up in a SecretStore.
type Secret struct{ handle uint32 }

// Handle returns the raw secret handle (e.g. for a dynamic backend's client key).
func (s Secret) Handle() uint32 { return s.handle }

// Plaintext returns the secret's value.
func (s Secret) Plaintext() ([]byte, error) {
	v, st := readSingleValue(storeValueInitialBuf, func(buf unsafe.Pointer, bufLen uint32, nwOut unsafe.Pointer) Status {
		return SecretStorePlaintext(s.handle, buf, bufLen, nwOut)
	})
	if st != StatusOK {
		return nil, st
	}
	return []byte(v), nil
}

// initErrOr returns the fastly_abi.init failure if there was one, else st.
func initErrOr(st Status) error {
	if initErr != nil {
		return initErr
	}
	return st
}
