//go:build wasip1

package fastlyabi

import "unsafe"

// Raw hostcalls of ledge_crypto, Ledge's own module (not part of Fastly's ABI), declared as in
// raw_wasip1.go. raw_crypto_stub.go must declare the same functions (TestStubsMatchImports checks it).

// CryptoDigest computes the digest of data (0 SHA-256, 1 SHA-384, 2 SHA-512) into buf; StatusBuflen if it does not fit.
//
//go:wasmimport ledge_crypto digest
//go:noescape
func CryptoDigest(alg uint32, data unsafe.Pointer, dataLen uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status

// CryptoHmacSign computes the HMAC of data under key into buf; StatusBuflen if it does not fit.
//
//go:wasmimport ledge_crypto hmac_sign
//go:noescape
func CryptoHmacSign(alg uint32, key unsafe.Pointer, keyLen uint32, data unsafe.Pointer, dataLen uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status

// CryptoHmacVerify compares mac with the HMAC of data in constant time and writes 1 or 0.
//
//go:wasmimport ledge_crypto hmac_verify
//go:noescape
func CryptoHmacVerify(alg uint32, key unsafe.Pointer, keyLen uint32, data unsafe.Pointer, dataLen uint32, mac unsafe.Pointer, macLen uint32, validOut unsafe.Pointer) Status

// CryptoPublicKeyImport parses a public key (0 JWK JSON, 1 SPKI DER) and writes its handle.
//
//go:wasmimport ledge_crypto public_key_import
//go:noescape
func CryptoPublicKeyImport(format uint32, key unsafe.Pointer, keyLen uint32, keyOut unsafe.Pointer) Status

// CryptoPublicKeyClose forgets an imported public key.
//
//go:wasmimport ledge_crypto public_key_close
func CryptoPublicKeyClose(key uint32) Status

// CryptoSignatureVerify checks a signature of data by key and writes 1 or 0; StatusInval if alg does not fit the key.
//
//go:wasmimport ledge_crypto signature_verify
//go:noescape
func CryptoSignatureVerify(key uint32, alg uint32, data unsafe.Pointer, dataLen uint32, signature unsafe.Pointer, signatureLen uint32, validOut unsafe.Pointer) Status

// CryptoRandomBytes fills buf with strong random bytes (at most 65536).
//
//go:wasmimport ledge_crypto random_bytes
//go:noescape
func CryptoRandomBytes(buf unsafe.Pointer, bufLen uint32) Status

// CryptoJwtVerify checks a JWT against a JWK set and writes its claims; StatusError with jwtErrorOut when refused.
//
//go:wasmimport ledge_crypto jwt_verify
//go:noescape
func CryptoJwtVerify(token unsafe.Pointer, tokenLen uint32, jwksSource uint32, store unsafe.Pointer, storeLen uint32, entry unsafe.Pointer, entryLen uint32, options unsafe.Pointer, claimsBuf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer, jwtErrorOut unsafe.Pointer) Status
