package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"ledge.dev/abi/fastlyabi"
)

// platform answers the routes for KV stores, ACLs, rate limiting, caches and purging; handled
// is false for any other path.
func platform(req fastlyabi.Request, body fastlyabi.Body, method, origin, path string, q url.Values) (handled bool, err error) {
	switch {
	case strings.HasPrefix(path, "/kv/"):
		store, key, _ := strings.Cut(strings.TrimPrefix(path, "/kv/"), "/")
		return true, kv(method, store, key, q, body)
	case strings.HasPrefix(path, "/kv-list/"):
		return true, kvList(strings.TrimPrefix(path, "/kv-list/"), q)
	case strings.HasPrefix(path, "/acl/"):
		name, ip, _ := strings.Cut(strings.TrimPrefix(path, "/acl/"), "/")
		return true, acl(name, ip)
	case strings.HasPrefix(path, "/erl/"):
		return true, erl(strings.TrimPrefix(path, "/erl/"))
	case strings.HasPrefix(path, "/penalty/"):
		return true, penalty(method, strings.TrimPrefix(path, "/penalty/"))
	case strings.HasPrefix(path, "/core-cache/"):
		return true, coreCache(method, strings.TrimPrefix(path, "/core-cache/"), q, body)
	case strings.HasPrefix(path, "/core-tx/"):
		return true, coreTransaction(strings.TrimPrefix(path, "/core-tx/"), q)
	case strings.HasPrefix(path, "/http-cache/"):
		return true, httpCache(origin, strings.TrimPrefix(path, "/http-cache/"))
	case strings.HasPrefix(path, "/readthrough/"):
		return true, readthrough(origin, strings.TrimPrefix(path, "/readthrough/"), method, q, body)
	case strings.HasPrefix(path, "/purge/"):
		if err := fastlyabi.PurgeSurrogateKeyNow(strings.TrimPrefix(path, "/purge/")); err != nil {
			return true, err
		}
		return true, respond(204, "", "")
	}
	return false, nil
}

// kv answers GET, PUT and DELETE on /kv/S/K.
func kv(method, storeName, key string, q url.Values, body fastlyabi.Body) error {
	store, err := fastlyabi.OpenKVStore(storeName)
	if err != nil {
		return respond(500, textType, "kv store "+storeName+": "+err.Error())
	}
	switch method {
	case "PUT", "POST":
		value, err := io.ReadAll(body)
		if err != nil {
			return err
		}
		opts := fastlyabi.KVInsertOptions{Metadata: q.Get("meta")}
		switch q.Get("mode") {
		case "add":
			opts.Mode = fastlyabi.KVAdd
		case "append":
			opts.Mode = fastlyabi.KVAppend
		case "prepend":
			opts.Mode = fastlyabi.KVPrepend
		}
		if t, err := strconv.ParseUint(q.Get("ttl"), 10, 32); err == nil {
			opts.TTLSec = uint32(t)
		}
		if g, err := strconv.ParseUint(q.Get("gen"), 10, 64); err == nil {
			opts.IfGenerationMatch, opts.HasGeneration = g, true
		}
		kvErr, err := store.Insert(key, value, opts)
		if err != nil {
			return err
		}
		return kvOutcome(kvErr)
	case "DELETE":
		kvErr, err := store.Delete(key)
		if err != nil {
			return err
		}
		return kvOutcome(kvErr)
	}
	entry, kvErr, err := store.Lookup(key)
	if err != nil {
		return err
	}
	switch kvErr {
	case fastlyabi.KVOK:
	case fastlyabi.KVNotFound:
		return respond(404, textType, "no such key")
	default:
		return respond(500, textType, "kv error "+kvErr.String())
	}
	value, err := io.ReadAll(entry.Body)
	if err != nil {
		return err
	}
	return respondWith(200, textType, string(value), map[string]string{
		"x-metadata": entry.Metadata, "x-generation": strconv.FormatUint(entry.Generation, 10)})
}

// kvOutcome answers 204 for ok, 404 for not_found, 412 for precondition_failed, else 500.
func kvOutcome(e fastlyabi.KVError) error {
	switch e {
	case fastlyabi.KVOK:
		return respond(204, "", "")
	case fastlyabi.KVNotFound:
		return respond(404, textType, "not_found")
	case fastlyabi.KVPreconditionFailed:
		return respond(412, textType, "precondition_failed")
	}
	return respond(500, textType, e.String())
}

// kvList answers the host's JSON listing of /kv-list/S.
func kvList(storeName string, q url.Values) error {
	store, err := fastlyabi.OpenKVStore(storeName)
	if err != nil {
		return err
	}
	limit, _ := strconv.ParseUint(q.Get("limit"), 10, 32)
	out, kvErr, err := store.List(q.Get("prefix"), q.Get("cursor"), uint32(limit))
	if err != nil {
		return err
	}
	if kvErr != fastlyabi.KVOK {
		return respond(500, textType, kvErr.String())
	}
	return respond(200, jsonType, string(out))
}

// acl answers /acl/A/IP: the matching entry's JSON, 404 when none matches.
func acl(name, ip string) error {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return respond(400, textType, "bad address")
	}
	a, ok, err := fastlyabi.OpenACL(name)
	if err != nil {
		return err
	}
	if !ok {
		return respond(500, textType, "no acl "+name)
	}
	out, found, err := a.Lookup(addr)
	if err != nil {
		return err
	}
	if !found {
		return respond(404, textType, "no match")
	}
	return respond(200, jsonType, string(out))
}

// erl answers /erl/ENTRY: more than 3 requests a second block the entry for a minute.
func erl(entry string) error {
	rc := fastlyabi.RateCounter{Name: "rc"}
	blocked, err := rc.CheckRate(entry, 1, 1, 3, fastlyabi.PenaltyBox{Name: "pb"}, 60)
	if err != nil {
		return err
	}
	count, err := rc.LookupCount(entry, 10)
	if err != nil {
		return err
	}
	out, _ := json.Marshal(map[string]any{"blocked": blocked, "count": count})
	return respond(200, jsonType, string(out))
}

// penalty answers /penalty/ENTRY: PUT adds the entry to box "manual", GET says whether it is in.
func penalty(method, entry string) error {
	pb := fastlyabi.PenaltyBox{Name: "manual"}
	if method == "PUT" {
		if err := pb.Add(entry, 60); err != nil {
			return err
		}
		return respond(204, "", "")
	}
	has, err := pb.Has(entry)
	if err != nil {
		return err
	}
	return respond(200, jsonType, fmt.Sprintf(`{"has":%t}`, has))
}

// coreCache answers /core-cache/K: PUT inserts the body for 60 s, GET answers it with its hits.
func coreCache(method, key string, q url.Values, body fastlyabi.Body) error {
	if method == "PUT" {
		value, err := io.ReadAll(body)
		if err != nil {
			return err
		}
		opts := fastlyabi.CacheWriteOptions{MaxAgeNs: 60e9, SurrogateKeys: "sk-" + key, UserMetadata: []byte(q.Get("meta"))}
		if err := fastlyabi.CacheInsertKey(key, value, opts); err != nil {
			return err
		}
		return respond(204, "", "")
	}
	entry, found, err := fastlyabi.CacheLookupKey(key)
	if err != nil {
		return err
	}
	if !found {
		return respond(404, textType, "miss")
	}
	value, err := entry.Body()
	if err != nil {
		return err
	}
	hits, err := entry.Hits()
	if err != nil {
		return err
	}
	meta, err := entry.UserMetadata()
	if err != nil {
		return err
	}
	entry.Close()
	return respondWith(200, textType, string(value), map[string]string{
		"x-cache-hits": strconv.FormatUint(hits, 10), "x-metadata": meta})
}

// coreTransaction answers /core-tx/K: the client obliged to insert stores ?value=.
func coreTransaction(key string, q url.Values) error {
	entry, err := fastlyabi.CacheTransactionLookupKey(key)
	if err != nil {
		return err
	}
	state, err := entry.State()
	if err != nil {
		return err
	}
	if state&fastlyabi.CacheMustInsertOrUpdate != 0 {
		value := q.Get("value")
		if err := entry.Insert([]byte(value), fastlyabi.CacheWriteOptions{MaxAgeNs: 60e9}); err != nil {
			return err
		}
		out, _ := json.Marshal(map[string]any{"inserted": true, "value": value})
		return respond(200, jsonType, string(out))
	}
	value, err := entry.Body()
	if err != nil {
		return err
	}
	entry.Close()
	out, _ := json.Marshal(map[string]any{"inserted": false, "value": string(value)})
	return respond(200, jsonType, string(out))
}

// httpCache answers /http-cache/<p>: an HTTP-cache transaction around GET /<p> on "origin".
func httpCache(origin, rest string) error {
	req, err := fastlyabi.NewRequest()
	if err != nil {
		return err
	}
	if err := req.SetURI(origin + "/" + rest); err != nil {
		return err
	}
	tx, err := fastlyabi.HTTPCacheLookup(req)
	if err != nil {
		return err
	}
	state, err := tx.State()
	if err != nil {
		return err
	}
	if state&fastlyabi.CacheUsable != 0 {
		hits, err := tx.Hits()
		if err != nil {
			return err
		}
		resp, b, err := tx.FoundResponse()
		if err != nil {
			return err
		}
		if err := resp.InsertHeader("x-cache", "HIT"); err != nil {
			return err
		}
		if err := resp.InsertHeader("x-cache-hits", strconv.FormatUint(hits, 10)); err != nil {
			return err
		}
		return resp.Send(b)
	}
	if state&fastlyabi.CacheMustInsertOrUpdate == 0 {
		return respond(500, textType, fmt.Sprintf("unexpected state %d", state))
	}
	breq, err := tx.SuggestedBackendRequest()
	if err != nil {
		return err
	}
	empty, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	resp, rb, err := breq.Send(empty, "origin")
	if err != nil {
		tx.Abandon()
		return fetchFailed(err)
	}
	status, err := resp.Status()
	if err != nil {
		return err
	}
	value, err := io.ReadAll(rb)
	if err != nil {
		return err
	}
	if err := tx.Insert(resp, value, 60e9, "hc"); err != nil {
		return err
	}
	return respondWith(status, textType, string(value), map[string]string{"x-cache": "MISS"})
}

// readthrough answers /readthrough/<p>: a plain send to "origin" with a cache override.
func readthrough(origin, rest, method string, q url.Values, body fastlyabi.Body) error {
	req, err := fastlyabi.NewRequest()
	if err != nil {
		return err
	}
	if err := req.SetMethod(method); err != nil {
		return err
	}
	if err := req.SetURI(origin + "/" + rest); err != nil {
		return err
	}
	ttl, _ := strconv.ParseUint(q.Get("ttl"), 10, 32)
	swr, _ := strconv.ParseUint(q.Get("swr"), 10, 32)
	over := fastlyabi.CacheOverride{Pass: q.Has("pass"), TTLSec: uint32(ttl), StaleWhileRevalidateSec: uint32(swr), SurrogateKeys: q.Get("sk")}
	if err := req.SetCacheOverride(over); err != nil {
		return err
	}
	resp, rb, err := req.Send(body, "origin")
	if err != nil {
		return fetchFailed(err)
	}
	return resp.Send(rb)
}

// respondWith sends a complete response with extra headers.
func respondWith(status int, contentType, text string, headers map[string]string) error {
	resp, err := fastlyabi.NewResponse()
	if err != nil {
		return err
	}
	if err := resp.SetStatus(status); err != nil {
		return err
	}
	if err := resp.InsertHeader("content-type", contentType); err != nil {
		return err
	}
	for k, v := range headers {
		if err := resp.InsertHeader(k, v); err != nil {
			return err
		}
	}
	b, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	if _, err := b.WriteString(text); err != nil {
		return err
	}
	return resp.Send(b)
}
