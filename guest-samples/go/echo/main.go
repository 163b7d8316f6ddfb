// Command echo is Ledge's Go test guest; it implements the echo contract shared with the
// Rust and JS samples, so the host's tests do not depend on the guest language.
//
//	/status/NNN  status NNN, body "status NNN\n", content-type text/plain
//	/stream/N    streaming response (200, x-streamed: 1): N body writes "chunk i\n", then close
//	/trap        panics; the Go runtime turns that into proc_exit(2)
//	/nothing     returns from main without sending a response
//	/counter     "counter=N dirty=BOOL": N counts requests seen by this instance, dirty says
//	             whether a 64 KiB global buffer was non-zero on entry (it is filled after)
//	otherwise    echo: 200, x-echo-method, x-echo-uri (as uri_get returned it),
//	             x-echo-version (http_version enum number), x-echo-trace-id (FASTLY_TRACE_ID),
//	             x-echo-argv (os.Args joined by spaces), echo-<name> for every value of
//	             every request header (header_append), body = the request body, sent whole
//
// The path is taken from the URI that uri_get returns (absolute, e.g. http://host:port/p?q).
package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"ledge.dev/abi/fastlyabi"
)

// counter and scratch live in the module's linear memory; a fresh instance has them zeroed.
var (
	counter int
	scratch [65536]byte
)

func main() {
	if err := run(); err != nil {
		panic("echo: " + err.Error())
	}
}

func run() error {
	req, reqBody, err := fastlyabi.DownstreamRequest()
	if err != nil {
		return err
	}
	uri, err := req.URI()
	if err != nil {
		return err
	}
	path := pathOf(uri)

	if s, ok := strings.CutPrefix(path, "/status/"); ok && isDigits(s) && len(s) == 3 {
		n, _ := strconv.Atoi(s)
		return sendText(n, "status "+strconv.Itoa(n)+"\n")
	}
	if s, ok := strings.CutPrefix(path, "/stream/"); ok && isDigits(s) {
		if n, err := strconv.Atoi(s); err == nil {
			return stream(n)
		}
	}
	switch path {
	case "/trap":
		panic("trap requested")
	case "/nothing":
		return nil
	case "/counter":
		counter++
		dirty := false
		for _, b := range scratch {
			if b != 0 {
				dirty = true
				break
			}
		}
		for i := range scratch {
			scratch[i] = 0xAB
		}
		return sendText(200, "counter="+strconv.Itoa(counter)+" dirty="+strconv.FormatBool(dirty))
	}
	return echo(req, reqBody, uri)
}

// pathOf returns the path of an absolute URI (or of an origin-form one), without query or fragment.
func pathOf(uri string) string {
	rest := uri
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
		j := strings.IndexAny(rest, "/?#")
		if j < 0 || rest[j] != '/' {
			return "/"
		}
		rest = rest[j:]
	}
	if k := strings.IndexAny(rest, "?#"); k >= 0 {
		rest = rest[:k]
	}
	if rest == "" {
		return "/"
	}
	return rest
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sendText sends a complete (non-streaming) text/plain response.
func sendText(status int, text string) error {
	resp, err := fastlyabi.NewResponse()
	if err != nil {
		return err
	}
	if err := resp.SetStatus(status); err != nil {
		return err
	}
	if err := resp.InsertHeader("content-type", "text/plain"); err != nil {
		return err
	}
	body, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	if _, err := body.WriteString(text); err != nil {
		return err
	}
	return resp.Send(body)
}

// stream sends the head first, then n separate body writes, then closes the body.
func stream(n int) error {
	resp, err := fastlyabi.NewResponse()
	if err != nil {
		return err
	}
	if err := resp.SetStatus(200); err != nil {
		return err
	}
	if err := resp.InsertHeader("content-type", "text/plain"); err != nil {
		return err
	}
	if err := resp.InsertHeader("x-streamed", "1"); err != nil {
		return err
	}
	body, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	if err := resp.SendStreaming(body); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if _, err := body.WriteString("chunk " + strconv.Itoa(i) + "\n"); err != nil {
			return err
		}
	}
	return body.Close()
}

func echo(req fastlyabi.Request, reqBody fastlyabi.Body, uri string) error {
	method, err := req.Method()
	if err != nil {
		return err
	}
	version, err := req.Version()
	if err != nil {
		return err
	}
	resp, err := fastlyabi.NewResponse()
	if err != nil {
		return err
	}
	if err := resp.SetStatus(200); err != nil {
		return err
	}
	if err := resp.InsertHeader("x-echo-method", method); err != nil {
		return err
	}
	if err := resp.InsertHeader("x-echo-uri", uri); err != nil {
		return err
	}
	if err := resp.InsertHeader("x-echo-version", strconv.FormatUint(uint64(version), 10)); err != nil {
		return err
	}
	if err := resp.InsertHeader("x-echo-trace-id", os.Getenv("FASTLY_TRACE_ID")); err != nil {
		return err
	}
	if err := resp.InsertHeader("x-echo-argv", strings.Join(os.Args, " ")); err != nil {
		return err
	}

	names, err := req.HeaderNames()
	if err != nil {
		return err
	}
	for _, name := range names {
		values, err := req.HeaderValues(name)
		if err != nil {
			return err
		}
		for _, v := range values {
			if err := resp.AppendHeader("echo-"+name, v); err != nil {
				return err
			}
		}
	}

	// Read the whole request body in 8 KiB reads, then send it as one complete body.
	var data []byte
	chunk := make([]byte, 8192)
	for {
		n, err := reqBody.Read(chunk)
		data = append(data, chunk[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	body, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	if _, err := body.Write(data); err != nil {
		return err
	}
	return resp.Send(body)
}
