// Command ab_test is Ledge's Go "ab-test" sample, the twin of guest-samples/rust/ab_test: it
// splits visitors between two variants of a site and keeps each on the variant they got, with a
// cookie.
//
// Config store "ab": "experiment" (1 to 64 letters, digits, '-' or '_'; default "exp") and
// "split" (0 to 100: the percentage of new visitors sent to variant b; default 50).
//
// A visitor whose cookie header holds ab_EXPERIMENT=a or =b keeps that variant whatever the split
// says now. Anyone else gets one drawn with ledge_crypto.random_bytes and
// set-cookie: ab_EXPERIMENT=V; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax. The request goes to
// backend "origin" with its path prefixed by /V and x-ab-variant: V; the origin's answer streams
// back with x-ab-variant: V, vary: cookie and cache-control: private. A bad split or experiment is
// a 500 naming the key; an unreachable origin a 502.
package main

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"ledge.dev/abi/fastlyabi"
)

// cookieMaxAge is thirty days, in seconds.
const cookieMaxAge = 30 * 24 * 3600

func main() {
	req, body, err := fastlyabi.DownstreamRequest()
	check(err)
	store, err := fastlyabi.OpenConfigStore("ab")
	check(err)
	experiment, ok, err := store.Get("experiment")
	check(err)
	if !ok {
		experiment = "exp"
	}
	if !validExperiment(experiment) {
		fail(500, "config store ab: experiment must be 1 to 64 letters, digits, '-' or '_'")
		return
	}
	split := 50
	if s, ok, err := store.Get("split"); err != nil {
		panic(err)
	} else if ok {
		// As Rust's u32 parser: one optional leading '+', then decimal digits.
		v, perr := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(s), "+"), 10, 32)
		if perr != nil || v > 100 {
			fail(500, "config store ab: split must be a whole number from 0 to 100")
			return
		}
		split = int(v)
	}
	cookieName := "ab_" + experiment
	variant := stickyVariant(req, cookieName)
	assigned := variant == ""
	if assigned {
		variant = assign(split)
	}

	uri, err := req.URI()
	check(err)
	check(req.SetURI(prefixedURI(uri, variant)))
	check(req.InsertHeader("x-ab-variant", variant))
	resp, respBody, err := req.Send(body, "origin")
	if err != nil {
		fail(502, "origin: "+err.Error())
		return
	}
	check(resp.InsertHeader("x-ab-variant", variant))
	check(resp.AppendHeader("vary", "cookie"))
	check(resp.InsertHeader("cache-control", "private"))
	if assigned {
		check(resp.AppendHeader("set-cookie",
			fmt.Sprintf("%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax", cookieName, variant, cookieMaxAge)))
	}
	check(resp.Send(respBody))
}

func validExperiment(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, c := range []byte(name) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// stickyVariant is the variant ("a" or "b") named by cookie name, or "" when the request has none.
func stickyVariant(req fastlyabi.Request, name string) string {
	headers, err := req.HeaderValues("cookie")
	check(err)
	for _, h := range headers {
		for _, pair := range strings.Split(h, ";") {
			rest, ok := strings.CutPrefix(strings.TrimSpace(pair), name+"=")
			if !ok {
				continue
			}
			if v := strings.TrimSpace(rest); v == "a" || v == "b" {
				return v
			}
		}
	}
	return ""
}

// assign is "b" with probability split percent, from the host's strong random bytes.
func assign(split int) string {
	var b [4]byte
	check(fastlyabi.RandomBytes(b[:]))
	// 2^32 is not a multiple of 100; the bias (under 1e-7) does not matter for a split.
	if int(binary.LittleEndian.Uint32(b[:])%100) < split {
		return "b"
	}
	return "a"
}

// prefixedURI is uri with /variant put in front of its path (absolute or origin-form URIs).
func prefixedURI(uri, variant string) string {
	pathStart := 0
	if i := strings.Index(uri, "://"); i >= 0 {
		if j := strings.IndexByte(uri[i+3:], '/'); j >= 0 {
			pathStart = i + 3 + j
		} else {
			pathStart = len(uri)
		}
	}
	head, path := uri[:pathStart], uri[pathStart:]
	if path == "" {
		path = "/"
	}
	return head + "/" + variant + path
}

func fail(status int, message string) {
	resp, err := fastlyabi.NewResponse()
	check(err)
	check(resp.SetStatus(status))
	check(resp.InsertHeader("content-type", "text/plain;charset=UTF-8"))
	b, err := fastlyabi.NewBody()
	check(err)
	_, err = b.WriteString(message)
	check(err)
	check(resp.Send(b))
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
