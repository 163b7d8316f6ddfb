//go:build !wasip1

package fastlyabi

import "unsafe"

// Stubs of the raw hostcalls in raw_stores_wasip1.go for builds outside GOOS=wasip1; each returns
// StatusUnsupported.

// ---- fastly_config_store ----

// ConfigStoreOpen opens the named config store and writes its handle.
func ConfigStoreOpen(name unsafe.Pointer, nameLen uint32, storeOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ConfigStoreGet copies the value stored under key into value; StatusNone if there is none.
func ConfigStoreGet(store uint32, key unsafe.Pointer, keyLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ---- fastly_dictionary ----

// DictionaryOpen opens the named dictionary and writes its handle.
func DictionaryOpen(name unsafe.Pointer, nameLen uint32, dictOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// DictionaryGet copies the value stored under key into value; StatusNone if there is none.
func DictionaryGet(dict uint32, key unsafe.Pointer, keyLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// ---- fastly_secret_store ----

// SecretStoreOpen opens the named secret store and writes its handle; StatusNone if there is none.
func SecretStoreOpen(name unsafe.Pointer, nameLen uint32, storeOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// SecretStoreGet looks up the named secret and writes its handle; StatusNone if there is none.
func SecretStoreGet(store uint32, key unsafe.Pointer, keyLen uint32, secretOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// SecretStorePlaintext copies the secret's value into buf.
func SecretStorePlaintext(secret uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}
