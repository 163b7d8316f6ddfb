// Command gen writes a fastly.toml for the JWT benchmark: an RSA-2048 key's JWK set and an RS256
// token signed with it (valid for an hour), in config store "jwt" (keys "jwks" and "token").
//
//	go run benchmarks/jwt/gen.go > /tmp/jwt-bench.toml
package main

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"time"
)

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func main() {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	jwks, _ := json.Marshal(map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "kid": "bench", "alg": "RS256", "use": "sig",
		"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
	}}})
	header := b64([]byte(`{"alg":"RS256","kid":"bench","typ":"JWT"}`))
	claims, _ := json.Marshal(map[string]any{"sub": "bench-user", "iss": "ledge-bench", "exp": time.Now().Add(time.Hour).Unix()})
	signing := header + "." + b64(claims)
	digest := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		panic(err)
	}
	q := func(s string) string { j, _ := json.Marshal(s); return string(j) }
	fmt.Printf("name = \"jwt-bench\"\n[local_server.config_stores.jwt]\nformat = \"inline-toml\"\n")
	fmt.Printf("[local_server.config_stores.jwt.contents]\njwks = %s\ntoken = %s\n", q(string(jwks)), q(signing+"."+b64(sig)))
}
