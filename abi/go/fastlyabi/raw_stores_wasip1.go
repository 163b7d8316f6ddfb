//go:build wasip1

package fastlyabi

import "unsafe"

// Raw hostcalls for config stores, dictionaries and secret stores, declared as in raw_wasip1.go.
// raw_stores_stub.go must declare the same functions (TestStubsMatchImports checks it).

// ---- fastly_config_store ----

// ConfigStoreOpen opens the named config store and writes its handle.
//
//go:wasmimport fastly_config_store open
//go:noescape
func ConfigStoreOpen(name unsafe.Pointer, nameLen uint32, storeOut unsafe.Pointer) Status

// ConfigStoreGet copies the value stored under key into value; StatusNone if there is none.
//
//go:wasmimport fastly_config_store get
//go:noescape
func ConfigStoreGet(store uint32, key unsafe.Pointer, keyLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status

// ---- fastly_dictionary ----

// DictionaryOpen opens the named dictionary and writes its handle.
//
//go:wasmimport fastly_dictionary open
//go:noescape
func DictionaryOpen(name unsafe.Pointer, nameLen uint32, dictOut unsafe.Pointer) Status

// DictionaryGet copies the value stored under key into value; StatusNone if there is none.
//
//go:wasmimport fastly_dictionary get
//go:noescape
func DictionaryGet(dict uint32, key unsafe.Pointer, keyLen uint32, value unsafe.Pointer, valueMaxLen uint32, nwrittenOut unsafe.Pointer) Status

// ---- fastly_secret_store ----

// SecretStoreOpen opens the named secret store and writes its handle; StatusNone if there is none.
//
//go:wasmimport fastly_secret_store open
//go:noescape
func SecretStoreOpen(name unsafe.Pointer, nameLen uint32, storeOut unsafe.Pointer) Status

// SecretStoreGet looks up the named secret and writes its handle; StatusNone if there is none.
//
//go:wasmimport fastly_secret_store get
//go:noescape
func SecretStoreGet(store uint32, key unsafe.Pointer, keyLen uint32, secretOut unsafe.Pointer) Status

// SecretStorePlaintext copies the secret's value into buf.
//
//go:wasmimport fastly_secret_store plaintext
//go:noescape
func SecretStorePlaintext(secret uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status
