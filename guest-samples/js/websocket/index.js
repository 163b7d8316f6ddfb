/// <reference types="@fastly/js-compute" />
// Ledge JS sample "websocket", the twin of guest-samples/rust/websocket: WebSocket passthrough
// with the SDK's createWebsocketHandoff (fastly:websocket).
//
//   /ws/...  -> the client's WebSocket upgrade is handed to backend "origin". The SDK makes the
//               hostcall (fastly_http_req.redirect_to_websocket_proxy_v2 with the client request)
//               when respondWith gets the hand-off Response, and then sends no response itself:
//               the host opens the upgrade at the origin and, once it answers 101, relays the
//               frames both ways until either side closes. The origin's refusal (e.g. 403)
//               reaches the client as sent; an unreachable origin is a 502 from the host.
//               A request that is no WebSocket upgrade is refused by the host (`inval`); the SDK
//               then answers 500 on its own (the call happens after this handler has returned,
//               so it cannot catch the error).
//   anything else -> 404 "WebSockets live under /ws/\n".
import { createWebsocketHandoff } from "fastly:websocket";

addEventListener("fetch", (event) => event.respondWith(handle(event.request)));

function handle(req) {
  const path = new URL(req.url).pathname;
  if (!path.startsWith("/ws/")) {
    return new Response("WebSockets live under /ws/\n", { status: 404, headers: { "content-type": "text/plain" } });
  }
  return createWebsocketHandoff(req, "origin");
}
