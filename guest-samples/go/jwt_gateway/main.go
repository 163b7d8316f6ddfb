// Command jwt_gateway is Ledge's Go "jwt-gateway" sample, the twin of
// guest-samples/rust/jwt_gateway: only requests with a good bearer JWT reach backend "origin",
// which learns who the caller is from the x-jwt-claims header.
//
// The token (authorization: Bearer TOKEN) is checked in one call with Ledge's
// ledge_crypto.jwt_verify (fastlyabi.JwtVerify) against the JWK set in secret store "jwks",
// entry "keys": RS256 or ES256, 30 s of clock skew, issuer https://id.example, audience edge.
//
//   - good token: the request (method, URI, headers, body) goes to "origin" without its
//     authorization header and with x-jwt-claims set to the verified claims (non-ASCII as \uXXXX,
//     replacing whatever the client sent under that name); the origin's answer streams back.
//   - no bearer token: 401 {"error":"missing"}, www-authenticate: Bearer realm="edge".
//   - refused token: 401 {"error":"REASON"} (the jwt_error name) with an RFC 6750 challenge.
//   - JWK set missing or invalid: 500 {"error":"store_missing"} / {"error":"jwks_invalid"}.
//   - origin unreachable: 502 {"error":"origin: DETAIL"}.
package main

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"ledge.dev/abi/fastlyabi"
)

const (
	backend      = "origin"
	claimsHeader = "x-jwt-claims"
)

func main() {
	req, body, err := fastlyabi.DownstreamRequest()
	check(err)
	token := bearerToken(req)
	if token == "" {
		refuse(401, "missing", `Bearer realm="edge"`)
		return
	}
	opts := fastlyabi.JwtOptions{
		Algorithms:   fastlyabi.JwtRS256 | fastlyabi.JwtES256,
		ClockSkewSec: 30,
		Issuer:       "https://id.example",
		Audience:     "edge",
	}
	claims, err := fastlyabi.JwtVerify(token, fastlyabi.JwksSecretStore, "jwks", "keys", opts)
	if reason, refused := err.(fastlyabi.JwtError); refused {
		if reason == fastlyabi.JwtStoreMissing || reason == fastlyabi.JwtJwksInvalid {
			refuse(500, reason.String(), "")
			return
		}
		refuse(401, reason.String(),
			`Bearer realm="edge", error="invalid_token", error_description="`+reason.String()+`"`)
		return
	}
	check(err)
	check(req.RemoveHeader("authorization"))
	check(req.InsertHeader(claimsHeader, asciiJSON(claims)))
	resp, respBody, err := req.Send(body, backend)
	if err != nil {
		refuse(502, "origin: "+err.Error(), "")
		return
	}
	check(resp.Send(respBody))
}

// bearerToken is the token of an "authorization: Bearer TOKEN" header (scheme case-insensitive),
// or "" when there is none.
func bearerToken(req fastlyabi.Request) string {
	v, ok, err := req.HeaderValue("authorization")
	if err != nil || !ok {
		return ""
	}
	v = strings.TrimSpace(v)
	if len(v) < 7 || !strings.EqualFold(v[:7], "bearer ") {
		return ""
	}
	return strings.TrimSpace(v[7:])
}

// asciiJSON writes the claims' JSON with every non-ASCII character as a \uXXXX escape (still the
// same JSON: such characters only occur inside strings); stray control characters are dropped.
func asciiJSON(claims []byte) string {
	var b strings.Builder
	for _, c := range strings.ToValidUTF8(string(claims), "\uFFFD") {
		switch {
		case c == '\t':
			b.WriteByte(' ')
		case c < 0x20 || c == 0x7f:
		case c < 0x80:
			b.WriteRune(c)
		default:
			for _, u := range utf16.Encode([]rune{c}) {
				fmt.Fprintf(&b, `\u%04x`, u)
			}
		}
	}
	return b.String()
}

// refuse answers status with {"error":REASON} and, when given, a www-authenticate challenge.
func refuse(status int, reason, challenge string) {
	resp, err := fastlyabi.NewResponse()
	check(err)
	check(resp.SetStatus(status))
	check(resp.InsertHeader("content-type", "application/json"))
	check(resp.InsertHeader("cache-control", "no-store"))
	if challenge != "" {
		check(resp.InsertHeader("www-authenticate", challenge))
	}
	escaped := strings.Map(func(r rune) rune {
		if r == '"' || r == '\\' {
			return '\''
		}
		return r
	}, reason)
	b, err := fastlyabi.NewBody()
	check(err)
	_, err = b.WriteString(`{"error":"` + escaped + `"}`)
	check(err)
	check(resp.Send(b))
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
