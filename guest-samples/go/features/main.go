// Command features is Ledge's Go "features" sample: the routes of the JS sample
// guest-samples/js/src/features.js, written against Ledge's own binding (abi/go/fastlyabi).
// Where the binding offers two ways, this sample takes the one the Rust sample does not, so
// that the two samples together run every call end to end.
//
//	/proxy/<path>    forwards the downstream request (method, headers) to backend "origin" at
//	                 /<path> with send_async_streaming, copies the request body into the
//	                 streaming body, waits with pending_req_wait_v2 and sends the backend's
//	                 response with its body handle straight back (the response is never read)
//	/parallel        send_async to /a, /b and /c, then fastly_async_io.select and
//	                 pending_req_wait_v2 until all are done; {"a": ..., "b": ..., "c": ...}
//	/dynamic/<port>  registers backend dyn-<port> for 127.0.0.1:<port> (unless
//	                 fastly_backend.exists says it is there), checks its host and port, GETs
//	                 /dyn and answers the backend's status and body with x-backend
//	/refused         sends to backend "closed" (nothing listens): 502 "fetch failed: <detail>",
//	                 the detail coming from the send_error_detail tag
//	/config/S/K      store S, key K through fastly_dictionary (dictionaries and config stores
//	                 are one set of names): 200 with the value, 404 when absent
//	/secret/S/K      secret store S, key K: 200 with the plaintext, 404 when absent
//	/log             writes "hello from go <?query>" to log endpoint "features", 204
//	/client          {"address": "<client ip>"}
//	/kv/S/K          KV store S, key K: GET answers the value with x-metadata and x-generation
//	                 (404 when absent); PUT stores the body with ?mode= (add, append, prepend,
//	                 overwrite), ?meta=, ?ttl= and ?gen= (generation match): 204, or 412 when
//	                 the precondition failed; DELETE: 204, or 404 when there was nothing
//	/kv-list/S       the host's JSON listing of KV store S with ?prefix=, ?cursor=, ?limit=
//	/acl/A/IP        ACL A looked up for IP: the matching entry's JSON, 404 when none
//	/erl/ENTRY       rate counter "rc", penalty box "pb": more than 3 requests a second block
//	                 the entry; {"blocked": ..., "count": ...}
//	/penalty/ENTRY   penalty box "manual": PUT adds the entry, GET answers {"has": ...}
//	/core-cache/K    core cache: PUT inserts the body (60 s, surrogate key sk-K, user metadata
//	                 ?meta=), GET answers it with x-cache-hits and x-metadata, or 404
//	/core-tx/K       core-cache transaction: the client obliged to insert stores ?value=
//	/http-cache/<p>  HTTP-cache transaction around GET /<p> on "origin" (x-cache HIT or MISS)
//	/readthrough/<p> send to "origin" with a cache override from ?pass, ?ttl=, ?swr=, ?sk=
//	/purge/KEY       purges surrogate key KEY: 204
package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strconv"
	"strings"

	"ledge.dev/abi/fastlyabi"
)

const (
	textType = "text/plain;charset=UTF-8"
	jsonType = "application/json"
)

func main() {
	if err := run(); err != nil {
		panic("features: " + err.Error())
	}
}

func run() error {
	req, body, err := fastlyabi.DownstreamRequest()
	if err != nil {
		return err
	}
	uri, err := req.URI()
	if err != nil {
		return err
	}
	u, err := url.Parse(uri)
	if err != nil {
		return respond(400, textType, "bad request URI")
	}
	origin := u.Scheme + "://" + u.Host
	path := u.EscapedPath()
	search := ""
	if u.RawQuery != "" {
		search = "?" + u.RawQuery
	}

	method, err := req.Method()
	if err != nil {
		return err
	}
	if handled, err := platform(req, body, method, origin, path, u.Query()); handled {
		return err
	}
	if rest, ok := strings.CutPrefix(path, "/proxy/"); ok {
		return proxy(req, body, origin+"/"+rest+search)
	}
	if port, ok := strings.CutPrefix(path, "/dynamic/"); ok {
		return dynamic(port)
	}
	if rest, ok := strings.CutPrefix(path, "/config/"); ok {
		store, key, _ := strings.Cut(rest, "/")
		dict, err := fastlyabi.OpenDictionary(store)
		if err != nil {
			return respond(500, textType, "config store "+store+": "+err.Error())
		}
		value, found, err := dict.Get(key)
		if err != nil {
			return err
		}
		if !found {
			return respond(404, textType, "no such key")
		}
		return respond(200, textType, value)
	}
	if rest, ok := strings.CutPrefix(path, "/secret/"); ok {
		return secret(rest)
	}
	switch path {
	case "/parallel":
		return parallel(origin)
	case "/refused":
		return refused(origin)
	case "/log":
		endpoint, err := fastlyabi.GetLogEndpoint("features")
		if err != nil {
			return err
		}
		if _, err := endpoint.WriteString("hello from go " + search); err != nil {
			return err
		}
		return respond(204, "", "")
	case "/client":
		addr, err := req.ClientIPAddr()
		if err != nil {
			return err
		}
		out, _ := json.Marshal(map[string]string{"address": addr.String()})
		return respond(200, jsonType, string(out))
	}
	return respond(404, textType, "not found")
}

// proxy streams the downstream body into a streaming backend request, then sends the
// backend's response back with its body handle.
func proxy(req fastlyabi.Request, body fastlyabi.Body, target string) error {
	if err := req.SetURI(target); err != nil {
		return err
	}
	upstream, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	pending, err := req.SendAsyncStreaming(upstream, "origin")
	if err != nil {
		return fetchFailed(err)
	}
	buf := make([]byte, 64<<10)
	if _, err := io.CopyBuffer(upstream, body, buf); err != nil {
		return err
	}
	if err := upstream.Close(); err != nil {
		return err
	}
	resp, respBody, err := pending.Wait()
	if err != nil {
		return fetchFailed(err)
	}
	return resp.Send(respBody)
}

// parallel sends three requests at once and collects them in the order they complete.
func parallel(origin string) error {
	names := []string{"a", "b", "c"}
	var pending []fastlyabi.PendingRequest
	for _, n := range names {
		r, err := fastlyabi.NewRequest()
		if err != nil {
			return err
		}
		if err := r.SetURI(origin + "/" + n); err != nil {
			return err
		}
		b, err := fastlyabi.NewBody()
		if err != nil {
			return err
		}
		p, err := r.SendAsync(b, "origin")
		if err != nil {
			return fetchFailed(err)
		}
		pending = append(pending, p)
	}
	out := map[string]string{}
	waiting := append([]string(nil), names...)
	for len(pending) > 0 {
		handles := make([]uint32, len(pending))
		for i, p := range pending {
			handles[i] = p.Handle()
		}
		idx, ok, err := fastlyabi.AsyncSelect(handles, 0)
		if err != nil {
			return err
		}
		if !ok {
			return respond(502, textType, "select timed out")
		}
		_, b, err := pending[idx].Wait()
		if err != nil {
			return fetchFailed(err)
		}
		text, err := io.ReadAll(b)
		if err != nil {
			return err
		}
		out[waiting[idx]] = string(text)
		pending = append(pending[:idx], pending[idx+1:]...)
		waiting = append(waiting[:idx], waiting[idx+1:]...)
	}
	js, _ := json.Marshal(out) // map keys are sorted: {"a":...,"b":...,"c":...}
	return respond(200, jsonType, string(js))
}

// dynamic registers a backend at run time and uses it like any other.
func dynamic(port string) error {
	portNumber, err := strconv.Atoi(port)
	if err != nil || portNumber < 1 || portNumber > 65535 {
		return respond(400, textType, "bad port")
	}
	name := "dyn-" + port
	backend := fastlyabi.BackendNamed(name)
	exists, err := backend.Exists()
	if err != nil {
		return err
	}
	if !exists {
		if backend, err = fastlyabi.RegisterDynamicBackend(name, "127.0.0.1:"+port, fastlyabi.DynamicBackendOptions{}); err != nil {
			return err
		}
	}
	host, err := backend.Host()
	if err != nil {
		return err
	}
	actualPort, err := backend.Port()
	if err != nil {
		return err
	}
	if host != "127.0.0.1" || actualPort != portNumber {
		return respond(500, textType, "backend "+name+" points at "+host+":"+strconv.Itoa(actualPort))
	}
	r, err := fastlyabi.NewRequest()
	if err != nil {
		return err
	}
	if err := r.SetURI("http://127.0.0.1:" + port + "/dyn"); err != nil {
		return err
	}
	b, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	upstream, upstreamBody, err := r.Send(b, backend.Name())
	if err != nil {
		return fetchFailed(err)
	}
	status, err := upstream.Status()
	if err != nil {
		return err
	}
	resp, err := fastlyabi.NewResponse()
	if err != nil {
		return err
	}
	if err := resp.SetStatus(status); err != nil {
		return err
	}
	if err := resp.InsertHeader("x-backend", backend.Name()); err != nil {
		return err
	}
	return resp.Send(upstreamBody)
}

// refused sends to a backend nothing listens on and reports the host's error detail.
func refused(origin string) error {
	r, err := fastlyabi.NewRequest()
	if err != nil {
		return err
	}
	if err := r.SetURI(origin + "/x"); err != nil {
		return err
	}
	b, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	if _, _, err := r.Send(b, "closed"); err != nil {
		return fetchFailed(err)
	}
	return respond(500, textType, "unexpected success")
}

// secret answers /secret/S/K.
func secret(rest string) error {
	storeName, key, _ := strings.Cut(rest, "/")
	store, ok, err := fastlyabi.OpenSecretStore(storeName)
	if err != nil {
		return err
	}
	if !ok {
		return respond(500, textType, "no secret store "+storeName)
	}
	s, found, err := store.Get(key)
	if err != nil {
		return err
	}
	if !found {
		return respond(404, textType, "no such secret")
	}
	plain, err := s.Plaintext()
	if err != nil {
		return err
	}
	return respond(200, textType, string(plain))
}

// fetchFailed answers 502 for a failed backend request; other errors end the guest.
func fetchFailed(err error) error {
	var se *fastlyabi.SendError
	if errors.As(err, &se) {
		return respond(502, textType, "fetch failed: "+se.Error())
	}
	return err
}

// respond sends a complete response; an empty contentType sends none.
func respond(status int, contentType, text string) error {
	resp, err := fastlyabi.NewResponse()
	if err != nil {
		return err
	}
	if err := resp.SetStatus(status); err != nil {
		return err
	}
	if contentType != "" {
		if err := resp.InsertHeader("content-type", contentType); err != nil {
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
