/// <reference types="@fastly/js-compute" />
// Ledge JS sample "js-proxy": fetch() to backends from Fastly's JS SDK, unmodified.
//
//   /proxy/<path>      forwards the request (method, headers, body) to backend "origin" at /<path>
//                      and returns its response as it streams in
//   /parallel          fetches /a, /b and /c from "origin" at once (Promise.all) and answers
//                      {"a": ..., "b": ..., "c": ...}
//   /dynamic/<port>    registers a dynamic backend for 127.0.0.1:<port> and fetches /dyn from it
//   /refused           fetches from backend "closed" (nothing listens there) and answers 502
//                      with the error's message
import { Backend } from "fastly:backend";

addEventListener("fetch", (event) => event.respondWith(handle(event.request)));

async function handle(request) {
  const url = new URL(request.url);
  const path = url.pathname;

  if (path.startsWith("/proxy/")) {
    const upstream = new Request(url.origin + path.slice("/proxy".length) + url.search, request);
    return fetch(upstream, { backend: "origin" });
  }

  if (path === "/parallel") {
    const names = ["a", "b", "c"];
    const bodies = await Promise.all(
      names.map((n) => fetch(url.origin + "/" + n, { backend: "origin" }).then((r) => r.text()))
    );
    const out = {};
    names.forEach((n, i) => (out[n] = bodies[i]));
    return new Response(JSON.stringify(out), { headers: { "content-type": "application/json" } });
  }

  if (path.startsWith("/dynamic/")) {
    const port = path.slice("/dynamic/".length);
    const backend = new Backend({ name: "dyn-" + port, target: "127.0.0.1:" + port });
    const r = await fetch("http://127.0.0.1:" + port + "/dyn", { backend });
    return new Response(await r.text(), { status: r.status, headers: { "x-backend": backend.name } });
  }

  if (path === "/refused") {
    try {
      await fetch(url.origin + "/x", { backend: "closed" });
      return new Response("unexpected success", { status: 500 });
    } catch (e) {
      return new Response("fetch failed: " + e.message, { status: 502 });
    }
  }

  return new Response("not found", { status: 404 });
}
