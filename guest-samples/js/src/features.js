/// <reference types="@fastly/js-compute" />
// Ledge JS sample "js-features": a tour of Fastly's JS SDK APIs, run unmodified on Ledge.
//
//   /proxy/<path>      forwards the request (method, headers, body) to backend "origin" at /<path>
//                      and returns its response as it streams in
//   /parallel          fetches /a, /b and /c from "origin" at once (Promise.all) and answers
//                      {"a": ..., "b": ..., "c": ...}
//   /dynamic/<port>    registers a dynamic backend for 127.0.0.1:<port> and fetches /dyn from it
//   /refused           fetches from backend "closed" (nothing listens there) and answers 502
//                      with the error's message
//   /config/S/K        ConfigStore S, key K: 200 with the value, 404 when absent
//   /secret/S/K        SecretStore S, key K: 200 with the plaintext, 404 when absent
//   /log               writes a line to log endpoint "features" with Logger, answers 204
//   /client            event.client: {"address": ..., "tlsProtocol": ...} as JSON
//   /kv/S/K            KVStore S, key K: GET answers the value (404 when absent), PUT stores the body
//   /acl/A/IP          Acl A looked up for IP: {"action","prefix"} as JSON, 404 when no entry matches
//   /erl/ENTRY         EdgeRateLimiter over RateCounter "rc" and PenaltyBox "pb": more than 3 requests
//                      per second puts ENTRY in the box for a minute; {"blocked": bool, "count": n}
//   /simple-cache/K    SimpleCache.getOrSet(K): the first call stores "made-<n>" for 60 s (n counts
//                      the calls of the setter in this sandbox, so always 1); the answer says
//                      whether it came from the cache: {"value","cached"}
//   /simple-purge/K    SimpleCache.purge(K) (surrogate key of K), answers 204
//   /core-cache/K      CoreCache: PUT inserts the body under K (max age 60 s, surrogate key "sk-K");
//                      GET answers the cached body with x-cache-hits, or 404
import { Backend } from "fastly:backend";
import { ConfigStore } from "fastly:config-store";
import { SecretStore } from "fastly:secret-store";
import { Logger } from "fastly:logger";
import { KVStore } from "fastly:kv-store";
import { Acl } from "fastly:acl";
import { EdgeRateLimiter, RateCounter, PenaltyBox } from "fastly:edge-rate-limiter";
import { SimpleCache, CoreCache } from "fastly:cache";

addEventListener("fetch", (event) => event.respondWith(handle(event)));

async function handle(event) {
  const request = event.request;
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

  if (path.startsWith("/config/")) {
    const [store, key] = path.slice("/config/".length).split("/");
    const value = new ConfigStore(store).get(key);
    return value === null ? new Response("no such key", { status: 404 }) : new Response(value);
  }

  if (path.startsWith("/secret/")) {
    const [store, key] = path.slice("/secret/".length).split("/");
    const secret = await new SecretStore(store).get(key);
    return secret === null ? new Response("no such secret", { status: 404 }) : new Response(secret.plaintext());
  }

  if (path === "/log") {
    new Logger("features").log("hello from js " + url.search);
    return new Response(null, { status: 204 });
  }

  if (path === "/client") {
    const c = event.client;
    return new Response(JSON.stringify({ address: c.address, tlsProtocol: c.tlsProtocol ?? null }), {
      headers: { "content-type": "application/json" },
    });
  }

  if (path.startsWith("/kv/")) {
    const [store, key] = path.slice("/kv/".length).split("/");
    const kv = new KVStore(store);
    if (request.method === "PUT") {
      await kv.put(key, await request.text());
      return new Response(null, { status: 204 });
    }
    const entry = await kv.get(key);
    return entry === null ? new Response("no such key", { status: 404 }) : new Response(await entry.text());
  }

  if (path.startsWith("/acl/")) {
    const [name, ip] = path.slice("/acl/".length).split("/");
    const match = await Acl.open(name).lookup(ip);
    return match === null
      ? new Response("no match", { status: 404 })
      : new Response(JSON.stringify(match), { headers: { "content-type": "application/json" } });
  }

  if (path.startsWith("/erl/")) {
    const entry = path.slice("/erl/".length);
    const counter = new RateCounter("rc");
    const limiter = new EdgeRateLimiter(counter, new PenaltyBox("pb"));
    const blocked = limiter.checkRate(entry, 1, 1, 3, 1);
    const count = counter.lookupCount(entry, 10);
    return new Response(JSON.stringify({ blocked, count }), { headers: { "content-type": "application/json" } });
  }

  if (path.startsWith("/simple-cache/")) {
    const key = path.slice("/simple-cache/".length);
    let calls = 0;
    const entry = await SimpleCache.getOrSet(key, async () => {
      calls++;
      return { value: "made-" + calls, ttl: 60 };
    });
    const value = await entry.text();
    return new Response(JSON.stringify({ value, cached: calls === 0 }), {
      headers: { "content-type": "application/json" },
    });
  }

  if (path.startsWith("/simple-purge/")) {
    SimpleCache.purge(path.slice("/simple-purge/".length), { scope: "pop" });
    return new Response(null, { status: 204 });
  }

  if (path.startsWith("/core-cache/")) {
    const key = path.slice("/core-cache/".length);
    if (request.method === "PUT") {
      const writer = CoreCache.insert(key, { maxAge: 60_000, surrogateKeys: ["sk-" + key] });
      writer.append(await request.text());
      writer.close();
      return new Response(null, { status: 204 });
    }
    const entry = CoreCache.lookup(key);
    if (entry === null) {
      return new Response("miss", { status: 404 });
    }
    return new Response(entry.body(), { headers: { "x-cache-hits": String(entry.hits()) } });
  }

  return new Response("not found", { status: 404 });
}
