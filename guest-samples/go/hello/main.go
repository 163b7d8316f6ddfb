// Command hello is Ledge's smallest Go guest: it answers every request with a fixed text.
//
// Like a handler built with Fastly's Go SDK, it sends the response in streaming mode:
// send_downstream(streaming=1) puts the head on the wire, then the body is written, then
// closing the body ends the response. It also writes one line to the log endpoint
// "ledge-sample" and one line to stdout.
package main

import (
	"os"

	"ledge.dev/abi/fastlyabi"
)

const greeting = "Hello from Ledge (go)!\n"

func main() {
	if err := run(); err != nil {
		// A failed hostcall is a bug in the host or the sample; trapping shows up as a 500.
		panic("hello: " + err.Error())
	}
}

func run() error {
	req, _, err := fastlyabi.DownstreamRequest()
	if err != nil {
		return err
	}
	method, err := req.Method()
	if err != nil {
		return err
	}
	uri, err := req.URI()
	if err != nil {
		return err
	}

	logEndpoint, err := fastlyabi.GetLogEndpoint("ledge-sample")
	if err != nil {
		return err
	}
	if _, err := logEndpoint.WriteString("go-hello: " + method + " " + uri); err != nil {
		return err
	}
	os.Stdout.WriteString("go-hello: handling " + method + " " + uri + "\n")

	resp, err := fastlyabi.NewResponse()
	if err != nil {
		return err
	}
	if err := resp.SetStatus(200); err != nil {
		return err
	}
	if err := resp.InsertHeader("content-type", "text/plain; charset=utf-8"); err != nil {
		return err
	}
	body, err := fastlyabi.NewBody()
	if err != nil {
		return err
	}
	if err := resp.SendStreaming(body); err != nil {
		return err
	}
	if _, err := body.WriteString(greeting); err != nil {
		return err
	}
	return body.Close()
}
