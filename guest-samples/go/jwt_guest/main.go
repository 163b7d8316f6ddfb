// Command jwt_guest does what jwt_host does, but with Go's own crypto compiled into the guest:
// it parses the JWK set from config store "jwt" (key "jwks"), verifies RS256 or ES256 signatures
// with crypto/rsa and crypto/ecdsa, and checks exp and nbf with 30 s of skew. It is the baseline
// for measuring the host crypto ABI (see docs/benchmarks.md).
package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"time"

	"ledge.dev/abi/fastlyabi"
)

type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Crv string `json:"crv"`
	N   string `json:"n"`
	E   string `json:"e"`
	X   string `json:"x"`
	Y   string `json:"y"`
}

func main() {
	req, _, err := fastlyabi.DownstreamRequest()
	if err != nil {
		panic(err)
	}
	store, err := fastlyabi.OpenConfigStore("jwt")
	if err != nil {
		panic(err)
	}
	token := ""
	if v, ok, err := req.HeaderValue("authorization"); err == nil && ok && strings.HasPrefix(v, "Bearer ") {
		token = strings.TrimPrefix(v, "Bearer ")
	}
	if token == "" {
		token, _, _ = store.Get("token")
	}
	jwks, _, _ := store.Get("jwks")
	claims, reason := verify(token, jwks)
	if reason != "" {
		answer(401, "jwt refused: "+reason+"\n")
		return
	}
	answer(200, string(claims))
}

func b64(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }

func verify(token, jwks string) ([]byte, string) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, "malformed"
	}
	headerJSON, err1 := b64(parts[0])
	payload, err2 := b64(parts[1])
	sig, err3 := b64(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, "malformed"
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if json.Unmarshal(headerJSON, &header) != nil {
		return nil, "malformed"
	}
	if header.Alg != "RS256" && header.Alg != "ES256" {
		return nil, "algorithm_not_allowed"
	}
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if json.Unmarshal([]byte(jwks), &set) != nil {
		return nil, "jwks_invalid"
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	found := false
	for _, k := range set.Keys {
		if header.Kid != "" && k.Kid != header.Kid {
			continue
		}
		found = true
		if ok, err := check(header.Alg, k, digest[:], sig); err == nil && ok {
			return timeChecks(payload)
		}
	}
	if !found {
		return nil, "unknown_key"
	}
	return nil, "bad_signature"
}

func check(alg string, k jwk, digest, sig []byte) (bool, error) {
	switch {
	case alg == "RS256" && k.Kty == "RSA":
		n, err := b64(k.N)
		if err != nil {
			return false, err
		}
		e, err := b64(k.E)
		if err != nil {
			return false, err
		}
		pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		return rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest, sig) == nil, nil
	case alg == "ES256" && k.Kty == "EC" && k.Crv == "P-256":
		x, err := b64(k.X)
		if err != nil {
			return false, err
		}
		y, err := b64(k.Y)
		if err != nil {
			return false, err
		}
		if len(sig) != 64 {
			return false, errors.New("bad signature length")
		}
		pub := &ecdsa.PublicKey{Curve: elliptic.P256(), X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}
		return ecdsa.Verify(pub, digest, new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])), nil
	}
	return false, nil
}

func timeChecks(payload []byte) ([]byte, string) {
	var c struct {
		Exp *int64 `json:"exp"`
		Nbf *int64 `json:"nbf"`
	}
	if json.Unmarshal(payload, &c) != nil {
		return nil, "malformed"
	}
	now := time.Now().Unix()
	if c.Exp != nil && now > *c.Exp+30 {
		return nil, "expired"
	}
	if c.Nbf != nil && now+30 < *c.Nbf {
		return nil, "not_yet_valid"
	}
	return payload, ""
}

func answer(status int, body string) {
	resp, err := fastlyabi.NewResponse()
	if err != nil {
		panic(err)
	}
	if err := resp.SetStatus(status); err != nil {
		panic(err)
	}
	b, err := fastlyabi.NewBody()
	if err != nil {
		panic(err)
	}
	if _, err := b.WriteString(body); err != nil {
		panic(err)
	}
	if err := resp.Send(b); err != nil {
		panic(err)
	}
}
