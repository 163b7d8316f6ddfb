//go:build !wasip1

package fastlyabi

import "unsafe"

// Stubs of the raw hostcalls in raw_crypto_wasip1.go for builds outside GOOS=wasip1; each returns
// StatusUnsupported.

// CryptoDigest computes the digest of data (0 SHA-256, 1 SHA-384, 2 SHA-512) into buf; StatusBuflen if it does not fit.
func CryptoDigest(alg uint32, data unsafe.Pointer, dataLen uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CryptoHmacSign computes the HMAC of data under key into buf; StatusBuflen if it does not fit.
func CryptoHmacSign(alg uint32, key unsafe.Pointer, keyLen uint32, data unsafe.Pointer, dataLen uint32, buf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CryptoHmacVerify compares mac with the HMAC of data in constant time and writes 1 or 0.
func CryptoHmacVerify(alg uint32, key unsafe.Pointer, keyLen uint32, data unsafe.Pointer, dataLen uint32, mac unsafe.Pointer, macLen uint32, validOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CryptoPublicKeyImport parses a public key (0 JWK JSON, 1 SPKI DER) and writes its handle.
func CryptoPublicKeyImport(format uint32, key unsafe.Pointer, keyLen uint32, keyOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CryptoPublicKeyClose forgets an imported public key.
func CryptoPublicKeyClose(key uint32) Status {
	return StatusUnsupported
}

// CryptoSignatureVerify checks a signature of data by key and writes 1 or 0; StatusInval if alg does not fit the key.
func CryptoSignatureVerify(key uint32, alg uint32, data unsafe.Pointer, dataLen uint32, signature unsafe.Pointer, signatureLen uint32, validOut unsafe.Pointer) Status {
	return StatusUnsupported
}

// CryptoRandomBytes fills buf with strong random bytes (at most 65536).
func CryptoRandomBytes(buf unsafe.Pointer, bufLen uint32) Status {
	return StatusUnsupported
}

// CryptoJwtVerify checks a JWT against a JWK set and writes its claims; StatusError with jwtErrorOut when refused.
func CryptoJwtVerify(token unsafe.Pointer, tokenLen uint32, jwksSource uint32, store unsafe.Pointer, storeLen uint32, entry unsafe.Pointer, entryLen uint32, options unsafe.Pointer, claimsBuf unsafe.Pointer, bufLen uint32, nwrittenOut unsafe.Pointer, jwtErrorOut unsafe.Pointer) Status {
	return StatusUnsupported
}
