// Command jwt_host checks a JWT with Ledge's host crypto ABI (ledge_crypto.jwt_verify) against
// the JWK set in config store "jwt", key "jwks". The token comes from "Authorization: Bearer …",
// or, when the request has none, from the same store's key "token" (so `ledge bench` can drive it).
// Valid: 200 with the claims as JSON. Refused: 401 with the reason.
package main

import (
	"strings"

	"ledge.dev/abi/fastlyabi"
)

func main() {
	req, _, err := fastlyabi.DownstreamRequest()
	if err != nil {
		panic(err)
	}
	store, err := fastlyabi.OpenConfigStore("jwt")
	if err != nil {
		panic(err)
	}
	token := bearer(req)
	if token == "" {
		token, _, _ = store.Get("token")
	}
	claims, err := fastlyabi.JwtVerify(token, fastlyabi.JwksConfigStore, "jwt", "jwks",
		fastlyabi.JwtOptions{Algorithms: fastlyabi.JwtRS256 | fastlyabi.JwtES256, ClockSkewSec: 30})
	if err != nil {
		reason := "refused"
		if e, ok := err.(fastlyabi.JwtError); ok {
			reason = e.String()
		}
		answer(401, "jwt refused: "+reason+"\n")
		return
	}
	answer(200, string(claims))
}

func bearer(req fastlyabi.Request) string {
	v, ok, err := req.HeaderValue("authorization")
	if err != nil || !ok || !strings.HasPrefix(v, "Bearer ") {
		return ""
	}
	return strings.TrimPrefix(v, "Bearer ")
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
