// Conformance area go_bindings: the ABI as a Go guest sees it through Ledge's Go binding
// (abi/go): requests, responses, headers with several values, bodies, the stores from the
// suite's fastly.toml, a backend request to the test origin, and error statuses surfacing as
// fastlyabi.Status errors, plus one raw import with an odd length. One line per check, exit 1
// when any check failed.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"unsafe"

	"ledge.dev/abi/fastlyabi"
)

//go:wasmimport fastly_http_req header_value_get
func rawHeaderValueGet(h uint32, name unsafe.Pointer, nameLen uint32, value unsafe.Pointer, valueLen uint32, nwritten unsafe.Pointer) uint32

var total, failed int

func check(name string, pass bool, detail ...any) {
	total++
	if pass {
		fmt.Printf("ok go_bindings.%s\n", name)
		return
	}
	failed++
	fmt.Printf("FAIL go_bindings.%s: %s\n", name, fmt.Sprint(detail...))
}

func eq(name string, got, want any) {
	check(name, reflect.DeepEqual(got, want), fmt.Sprintf("got %#v, want %#v", got, want))
}

func status(name string, err error, want fastlyabi.Status) {
	var st fastlyabi.Status
	ok := errors.As(err, &st)
	check(name, ok && st == want, fmt.Sprintf("got %v, want %v", err, want))
}

func main() {
	req, err := fastlyabi.NewRequest()
	check("new_request", err == nil, err)
	check("set_method", req.SetMethod("DELETE") == nil)
	m, err := req.Method()
	eq("method", m, "DELETE")
	status("set_method_invalid", req.SetMethod("NOT VALID"), fastlyabi.StatusInval)
	check("set_uri", req.SetURI("http://127.0.0.1/a?b=c") == nil)
	u, _ := req.URI()
	eq("uri", u, "http://127.0.0.1/a?b=c")
	check("append_header", req.AppendHeader("x-list", "1") == nil && req.AppendHeader("x-list", "2") == nil)
	vals, err := req.HeaderValues("x-list")
	eq("header_values", vals, []string{"1", "2"})
	v, found, err := req.HeaderValue("x-absent")
	check("header_value_absent", err == nil && !found && v == "", v, found, err)
	long := make([]byte, 3000)
	for i := range long {
		long[i] = 'a' + byte(i%26)
	}
	check("insert_long_header", req.InsertHeader("x-long", string(long)) == nil)
	got, found, err := req.HeaderValue("x-long")
	check("header_value_grows_its_buffer", err == nil && found && got == string(long), len(got), err)
	status("insert_header_invalid_name", req.InsertHeader("bad name", "v"), fastlyabi.StatusInval)
	names, _ := req.HeaderNames()
	check("header_names", len(names) == 2, names)
	check("remove_header", req.RemoveHeader("x-list") == nil)
	// A run's client request is no WebSocket upgrade, and "nope" names no backend: nothing is handed off.
	status("handoff_websocket_not_an_upgrade", req.HandoffWebsocket("origin"), fastlyabi.StatusInval)
	status("handoff_websocket_unknown_backend", req.HandoffWebsocket("nope"), fastlyabi.StatusInval)
	status("handoff_client_websocket_not_an_upgrade", fastlyabi.HandoffClientWebsocket("origin"), fastlyabi.StatusInval)

	// A raw call the binding never makes: a name length running past the end of memory.
	var nw uint32
	buf := make([]byte, 16)
	name := []byte("x-long")
	st := rawHeaderValueGet(req.Handle(), unsafe.Pointer(&name[0]), 1<<31, unsafe.Pointer(&buf[0]), 16, unsafe.Pointer(&nw))
	eq("raw_name_length_past_memory_is_inval", fastlyabi.Status(st), fastlyabi.StatusInval)
	st = rawHeaderValueGet(req.Handle(), unsafe.Pointer(&name[0]), uint32(len(name)), unsafe.Pointer(&buf[0]), 16, unsafe.Pointer(&nw))
	check("raw_buflen_writes_needed_length", fastlyabi.Status(st) == fastlyabi.StatusBuflen && nw == 3000, fastlyabi.Status(st), nw)

	resp, err := fastlyabi.NewResponse()
	check("new_response", err == nil, err)
	check("set_status", resp.SetStatus(201) == nil)
	s, _ := resp.Status()
	eq("status", s, 201)
	status("set_status_invalid", resp.SetStatus(42), fastlyabi.StatusInval)
	check("response_set_header_values", resp.SetHeaderValues("x-set", []string{"p", "q"}) == nil)
	rv, _ := resp.HeaderValues("x-set")
	eq("response_header_values", rv, []string{"p", "q"})

	b, _ := fastlyabi.NewBody()
	b.WriteString("world")
	b.WriteFront([]byte("hello "))
	b2, _ := fastlyabi.NewBody()
	b2.WriteString("!")
	check("append", b.Append(b2) == nil)
	all, err := io.ReadAll(b)
	eq("body_read_all", string(all), "hello world!")
	check("close_body", b.Close() == nil)
	_, err = b.Write([]byte("x"))
	status("write_closed_body", err, fastlyabi.StatusBadf)

	cs, err := fastlyabi.OpenConfigStore("settings")
	check("open_config_store", err == nil, err)
	g, ok, err := cs.Get("greeting")
	check("config_store_get", err == nil && ok && g == "hello", g, ok, err)
	_, ok, err = cs.Get("absent")
	check("config_store_get_absent", err == nil && !ok, ok, err)
	d, err := fastlyabi.OpenDictionary("animals")
	cat, ok, err := d.Get("cat")
	check("dictionary_get", err == nil && ok && cat == "meow", cat, err)
	_, err = fastlyabi.OpenDictionary("plants")
	status("open_absent_dictionary", err, fastlyabi.StatusBadf)
	ss, ok, err := fastlyabi.OpenSecretStore("keys")
	check("open_secret_store", err == nil && ok, ok, err)
	sec, ok, err := ss.Get("signing")
	check("secret_store_get", err == nil && ok, ok, err)
	pt, err := sec.Plaintext()
	eq("secret_plaintext", string(pt), "s3cr3t")
	_, ok, err = fastlyabi.OpenSecretStore("vault")
	check("open_absent_secret_store", err == nil && !ok, ok, err)

	ep, err := fastlyabi.GetLogEndpoint("go-conformance")
	check("log_endpoint", err == nil, err)
	n, err := ep.WriteString("a go log line")
	check("log_write", err == nil && n == 13, n, err)

	exists, err := fastlyabi.BackendNamed("origin").Exists()
	check("backend_exists", err == nil && exists, exists, err)
	out, err := fastlyabi.NewRequest()
	out.SetURI("http://127.0.0.1/b")
	ob, _ := fastlyabi.NewBody()
	r, rb, err := out.Send(ob, "origin")
	check("send", err == nil, err)
	if err == nil {
		code, _ := r.Status()
		text, _ := io.ReadAll(rb)
		eq("send_response", fmt.Sprintf("%d %s", code, text), "200 body-b")
	}
	out2, _ := fastlyabi.NewRequest()
	ob2, _ := fastlyabi.NewBody()
	_, _, err = out2.Send(ob2, "closed")
	var se *fastlyabi.SendError
	check("send_to_closed_backend_is_send_error", errors.As(err, &se), err)

	fmt.Printf("# go_bindings: %d checks, %d failed\n", total, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
