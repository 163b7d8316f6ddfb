package fastlyabi

import (
	"runtime"
	"unsafe"
)

// Thin wrappers over ledge_crypto, Ledge's own module: digests, HMACs, signature checks, random
// bytes and JWT verification. A guest that uses them runs only on Ledge.

// DigestAlgorithm is the hash of a digest or an HMAC (digest_algorithm).
type DigestAlgorithm uint32

const (
	DigestSHA256 DigestAlgorithm = 0
	DigestSHA384 DigestAlgorithm = 1
	DigestSHA512 DigestAlgorithm = 2
)

// SignatureAlgorithm is a public-key signature scheme named as in JWS (signature_algorithm).
type SignatureAlgorithm uint32

const (
	SigRS256   SignatureAlgorithm = 0
	SigRS384   SignatureAlgorithm = 1
	SigRS512   SignatureAlgorithm = 2
	SigPS256   SignatureAlgorithm = 3
	SigPS384   SignatureAlgorithm = 4
	SigPS512   SignatureAlgorithm = 5
	SigES256   SignatureAlgorithm = 6
	SigES384   SignatureAlgorithm = 7
	SigEd25519 SignatureAlgorithm = 8
)

// PublicKeyFormat says how a public key is written (public_key_format).
type PublicKeyFormat uint32

const (
	KeyJWK     PublicKeyFormat = 0
	KeySPKIDER PublicKeyFormat = 1
)

// JwksSource says where jwt_verify finds the JWK set (jwks_source_kind).
type JwksSource uint32

const (
	JwksSecretStore JwksSource = 0
	JwksConfigStore JwksSource = 1
	JwksInline      JwksSource = 2
)

// The jwt_algorithms bits of JwtOptions.Algorithms.
const (
	JwtHS256 uint32 = 1 << iota
	JwtHS384
	JwtHS512
	JwtRS256
	JwtRS384
	JwtRS512
	JwtPS256
	JwtPS384
	JwtPS512
	JwtES256
	JwtES384
	JwtEdDSA
)

// JwtError says why jwt_verify refused a token (jwt_error); it is an error.
type JwtError uint32

const (
	JwtMalformed           JwtError = 2
	JwtUnknownKey          JwtError = 3
	JwtBadSignature        JwtError = 4
	JwtAlgorithmNotAllowed JwtError = 5
	JwtExpired             JwtError = 6
	JwtNotYetValid         JwtError = 7
	JwtWrongIssuer         JwtError = 8
	JwtWrongAudience       JwtError = 9
	JwtStoreMissing        JwtError = 10
	JwtJwksInvalid         JwtError = 11
)

var jwtErrorNames = map[JwtError]string{
	JwtMalformed: "malformed", JwtUnknownKey: "unknown_key", JwtBadSignature: "bad_signature",
	JwtAlgorithmNotAllowed: "algorithm_not_allowed", JwtExpired: "expired", JwtNotYetValid: "not_yet_valid",
	JwtWrongIssuer: "wrong_issuer", JwtWrongAudience: "wrong_audience", JwtStoreMissing: "store_missing",
	JwtJwksInvalid: "jwks_invalid",
}

// String returns the ABI's name for the reason.
func (e JwtError) String() string {
	if n, ok := jwtErrorNames[e]; ok {
		return n
	}
	return "unknown"
}

// Error makes a JwtError an error: "jwt refused: REASON".
func (e JwtError) Error() string { return "jwt refused: " + e.String() }

// JwtOptions is what jwt_verify requires besides a good signature; an empty Issuer or Audience
// is not checked.
type JwtOptions struct {
	Algorithms   uint32
	ClockSkewSec uint32
	Issuer       string
	Audience     string
}

// JwtVerifyOptions is the jwt_verify_options record as the host reads it (24 bytes; guest
// pointers are 32-bit addresses, so the layout is the same on GOARCH=wasm and elsewhere).
type JwtVerifyOptions struct {
	Algorithms   uint32
	ClockSkewSec uint32
	Issuer       uint32
	IssuerLen    uint32
	Audience     uint32
	AudienceLen  uint32
}

// cryptoOutInitialBuf is the first buffer digests, MACs and claims are written to; it grows on buflen.
const cryptoOutInitialBuf = 64

// Digest returns the digest of data.
func Digest(alg DigestAlgorithm, data []byte) ([]byte, error) {
	dp, dl := bytesArg(data)
	v, st := readSingleValue(cryptoOutInitialBuf, func(buf unsafe.Pointer, bufLen uint32, nw unsafe.Pointer) Status {
		return CryptoDigest(uint32(alg), dp, dl, buf, bufLen, nw)
	})
	runtime.KeepAlive(data)
	return []byte(v), st.Err()
}

// HmacSign returns the HMAC of data under key.
func HmacSign(alg DigestAlgorithm, key, data []byte) ([]byte, error) {
	kp, kl := bytesArg(key)
	dp, dl := bytesArg(data)
	v, st := readSingleValue(cryptoOutInitialBuf, func(buf unsafe.Pointer, bufLen uint32, nw unsafe.Pointer) Status {
		return CryptoHmacSign(uint32(alg), kp, kl, dp, dl, buf, bufLen, nw)
	})
	runtime.KeepAlive(key)
	runtime.KeepAlive(data)
	return []byte(v), st.Err()
}

// HmacVerify reports whether mac is the HMAC of data under key (compared in constant time).
func HmacVerify(alg DigestAlgorithm, key, data, mac []byte) (bool, error) {
	kp, kl := bytesArg(key)
	dp, dl := bytesArg(data)
	mp, ml := bytesArg(mac)
	var valid uint32
	st := CryptoHmacVerify(uint32(alg), kp, kl, dp, dl, mp, ml, unsafe.Pointer(&valid))
	runtime.KeepAlive(key)
	runtime.KeepAlive(data)
	runtime.KeepAlive(mac)
	return valid == 1, st.Err()
}

// RandomBytes fills buf with strong random bytes (at most 65536 per call).
func RandomBytes(buf []byte) error {
	bp, bl := bytesArg(buf)
	st := CryptoRandomBytes(bp, bl)
	runtime.KeepAlive(buf)
	return st.Err()
}

// PublicKey is a public key parsed by the host.
type PublicKey struct{ handle uint32 }

// Handle returns the raw public key handle.
func (k PublicKey) Handle() uint32 { return k.handle }

// ImportPublicKey parses a key given as one JWK (JSON) or as DER SubjectPublicKeyInfo.
func ImportPublicKey(format PublicKeyFormat, key []byte) (PublicKey, error) {
	kp, kl := bytesArg(key)
	h := InvalidHandle
	st := CryptoPublicKeyImport(uint32(format), kp, kl, unsafe.Pointer(&h))
	runtime.KeepAlive(key)
	return PublicKey{h}, st.Err()
}

// Verify reports whether signature is a good signature of data by this key.
func (k PublicKey) Verify(alg SignatureAlgorithm, data, signature []byte) (bool, error) {
	dp, dl := bytesArg(data)
	sp, sl := bytesArg(signature)
	var valid uint32
	st := CryptoSignatureVerify(k.handle, uint32(alg), dp, dl, sp, sl, unsafe.Pointer(&valid))
	runtime.KeepAlive(data)
	runtime.KeepAlive(signature)
	return valid == 1, st.Err()
}

// Close forgets the key on the host.
func (k PublicKey) Close() error { return CryptoPublicKeyClose(k.handle).Err() }

// JwtVerify checks a JWT against the JWK set in entry of store (for JwksInline, entry is the
// set's JSON and store is ignored). It returns the claims' JSON, a JwtError when the token is
// refused, or a Status for a failed call.
func JwtVerify(token string, source JwksSource, store, entry string, opts JwtOptions) ([]byte, error) {
	tp, tl := strArg(token)
	sp, sl := strArg(store)
	ep, el := strArg(entry)
	ip, il := strArg(opts.Issuer)
	ap, al := strArg(opts.Audience)
	raw := JwtVerifyOptions{opts.Algorithms, opts.ClockSkewSec, uint32(uintptr(ip)), il, uint32(uintptr(ap)), al}
	var jwtErr uint32
	v, st := readSingleValue(cryptoOutInitialBuf, func(buf unsafe.Pointer, bufLen uint32, nw unsafe.Pointer) Status {
		return CryptoJwtVerify(tp, tl, uint32(source), sp, sl, ep, el, unsafe.Pointer(&raw), buf, bufLen, nw, unsafe.Pointer(&jwtErr))
	})
	runtime.KeepAlive(token)
	runtime.KeepAlive(store)
	runtime.KeepAlive(entry)
	runtime.KeepAlive(opts.Issuer)
	runtime.KeepAlive(opts.Audience)
	if st == StatusError && jwtErr > 1 {
		return nil, JwtError(jwtErr)
	}
	if st != StatusOK {
		return nil, st
	}
	return []byte(v), nil
}
