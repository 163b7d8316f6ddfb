/// <reference types="@fastly/js-compute" />
// Ledge JS sample "websocket": WebSocket passthrough with the SDK's createWebsocketHandoff
// (fastly:websocket, which calls fastly_http_req.redirect_to_websocket_proxy_v2).
//
//   /ws/...  -> the client's WebSocket upgrade is handed to backend "origin": the host opens the
//               upgrade there and, once the origin answers 101, relays the frames both ways until
//               either side closes. The origin's refusal (e.g. 403) reaches the client as sent;
//               an unreachable origin is a 502 from the host.
//               A request that is not a WebSocket upgrade cannot be handed off: the host answers
//               the call with `inval`, the SDK throws, and the client gets 400
//               "not a WebSocket upgrade: MESSAGE".
//   anything else -> 404 "WebSockets live under /ws/\n".
import { createWebsocketHandoff } from "fastly:websocket";

addEventListener("fetch", (event) => event.respondWith(handle(event.request)));

function handle(req) {
  const path = new URL(req.url).pathname;
  if (!path.startsWith("/ws/")) {
    return new Response("WebSockets live under /ws/\n", { status: 404, headers: { "content-type": "text/plain" } });
  }
  try {
    return createWebsocketHandoff(req, "origin");
  } catch (e) {
    return new Response("not a WebSocket upgrade: " + e.message + "\n", {
      status: 400,
      headers: { "content-type": "text/plain" },
    });
  }
}
