//go:build wasip1

package fastlyabi

// These tests call real hostcalls, so they run inside a host: Ledge's `run` command is a
// drop-in for `go test -exec` (see scripts/test.sh):
//
//	GOOS=wasip1 GOARCH=wasm go test -exec "java -jar wasm-host/target/ledge.jar run" ./fastlyabi

import (
	"encoding/json"
	"io"
	"net/netip"
	"testing"
)

func TestTheHostGivesASyntheticDownstreamRequest(t *testing.T) {
	req, body, err := DownstreamRequest()
	if err != nil {
		t.Fatalf("DownstreamRequest: %v", err)
	}
	method, err := req.Method()
	if err != nil || method != "GET" {
		t.Fatalf("method = %q, %v; want GET", method, err)
	}
	uri, err := req.URI()
	if err != nil || uri != "http://localhost/" {
		t.Fatalf("uri = %q, %v", uri, err)
	}
	rest, err := io.ReadAll(body)
	if err != nil || len(rest) != 0 {
		t.Fatalf("body = %q, %v; want empty", rest, err)
	}
	if _, _, err := DownstreamRequest(); err == nil {
		t.Fatal("the client request can be taken only once")
	}
}

func TestBodiesKeepTheOrderOfFrontAndBackWrites(t *testing.T) {
	b, err := NewBody()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.WriteString("world"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.WriteFront([]byte("hello ")); err != nil {
		t.Fatal(err)
	}
	n, known, err := b.KnownLength()
	if err != nil || !known || n != 11 {
		t.Fatalf("known length = %d %v %v; want 11", n, known, err)
	}
	all, err := io.ReadAll(b)
	if err != nil || string(all) != "hello world" {
		t.Fatalf("read %q, %v", all, err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err == nil {
		t.Fatal("closing a closed body must fail (badf)")
	} else if s, ok := err.(Status); !ok || s != StatusBadf {
		t.Fatalf("second close: %v; want badf", err)
	}
}

func TestHeadersPageThroughTheCursorProtocol(t *testing.T) {
	r, err := NewResponse()
	if err != nil {
		t.Fatal(err)
	}
	long := make([]byte, 300)
	for i := range long {
		long[i] = 'x'
	}
	names := []string{"a", "bb", "x-" + string(long), "ccc"}
	for _, n := range names {
		if err := r.AppendHeader(n, "v"); err != nil {
			t.Fatalf("append %q: %v", n, err)
		}
	}
	if err := r.AppendHeader("bb", "w"); err != nil {
		t.Fatal(err)
	}
	got, err := r.HeaderNames()
	if err != nil || len(got) != len(names) {
		t.Fatalf("names = %v, %v", got, err)
	}
	for i := range names {
		if got[i] != names[i] {
			t.Fatalf("name %d = %q; want %q", i, got[i], names[i])
		}
	}
	values, err := r.HeaderValues("BB")
	if err != nil || len(values) != 2 || values[0] != "v" || values[1] != "w" {
		t.Fatalf("values = %v, %v", values, err)
	}
	if err := r.SetStatus(1000); err == nil {
		t.Fatal("status 1000 must be refused (inval)")
	}
	if _, ok, err := r.HeaderValue("absent"); ok || err != nil {
		t.Fatalf("absent header: ok=%v err=%v", ok, err)
	}
}

func TestGeoLookupAnswersLoopbackLikeFastlysLocalTool(t *testing.T) {
	record, ok, err := GeoLookupJSON(netip.MustParseAddr("127.0.0.1"))
	if err != nil || !ok {
		t.Fatalf("GeoLookupJSON(127.0.0.1) = %q, %v, %v", record, ok, err)
	}
	var fields map[string]any
	if err := json.Unmarshal(record, &fields); err != nil {
		t.Fatalf("not JSON: %q: %v", record, err)
	}
	if fields["country_code"] != "US" || fields["city"] != "San Francisco" {
		t.Fatalf("loopback record = %s", record)
	}
	if _, _, err := GeoLookupJSON(netip.Addr{}); err != StatusInval {
		t.Fatalf("the zero address: err = %v; want inval", err)
	}
}
