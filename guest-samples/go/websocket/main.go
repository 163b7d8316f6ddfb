// Command websocket is the Go twin of guest-samples/rust/websocket: WebSocket passthrough through
// the binding's Request.HandoffWebsocket (redirect_to_websocket_proxy_v2).
//
//	/ws/...       the client's WebSocket upgrade is handed to backend "origin"; the host relays the
//	              frames from then on and the guest ends without a response. The origin's refusal
//	              (e.g. 403) reaches the client as sent; an unreachable origin is a 502 from the
//	              host. A request that is no WebSocket upgrade is refused by the host (inval) and
//	              answered 400 "not a WebSocket upgrade (inval)\n" here.
//	anything else 404 "WebSockets live under /ws/\n".
package main

import (
	"errors"
	"net/url"
	"strings"

	"ledge.dev/abi/fastlyabi"
)

func main() {
	req, _, err := fastlyabi.DownstreamRequest()
	check(err)
	uri, err := req.URI()
	check(err)
	u, err := url.Parse(uri)
	check(err)
	if !strings.HasPrefix(u.Path, "/ws/") {
		answer(404, "WebSockets live under /ws/\n")
		return
	}
	if err := req.HandoffWebsocket("origin"); err != nil {
		var st fastlyabi.Status
		if !errors.As(err, &st) {
			panic(err)
		}
		answer(400, "not a WebSocket upgrade ("+st.String()+")\n")
	}
}

func answer(status int, text string) {
	resp, err := fastlyabi.NewResponse()
	check(err)
	check(resp.SetStatus(status))
	check(resp.InsertHeader("content-type", "text/plain; charset=utf-8"))
	b, err := fastlyabi.NewBody()
	check(err)
	_, err = b.WriteString(text)
	check(err)
	check(resp.Send(b))
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
