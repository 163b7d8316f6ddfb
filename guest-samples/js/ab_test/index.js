/// <reference types="@fastly/js-compute" />
// Ledge JS sample "ab-test", the twin of guest-samples/rust/ab_test (see README.md): splits
// visitors between variants a and b of a site and keeps each on the variant they got, with a cookie.
//
// ConfigStore "ab": "experiment" (1 to 64 letters, digits, '-' or '_'; default "exp") and "split"
// (0 to 100: the percentage of new visitors sent to b; default 50). A cookie ab_EXPERIMENT=a|b
// keeps its variant whatever the split says now; anyone else gets one drawn with
// crypto.getRandomValues and a set-cookie. The request goes to backend "origin" with /V before its
// path and x-ab-variant: V; the answer streams back with x-ab-variant, vary: cookie and
// cache-control: private. A bad split or experiment is a 500 naming the key; an unreachable
// origin a 502.
import { ConfigStore } from "fastly:config-store";

// Thirty days, in seconds.
const COOKIE_MAX_AGE = 30 * 24 * 3600;

addEventListener("fetch", (event) => event.respondWith(handle(event)));

async function handle(event) {
  const req = event.request;
  const store = new ConfigStore("ab");
  const experiment = store.get("experiment") ?? "exp";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(experiment)) {
    return fail(500, "config store ab: experiment must be 1 to 64 letters, digits, '-' or '_'");
  }
  let split = 50;
  const splitText = store.get("split");
  if (splitText !== null) {
    // As Rust's u32 parser: one optional '+', then decimal digits.
    const m = /^\+?([0-9]+)$/.exec(splitText.trim());
    split = m ? Number(m[1]) : NaN;
    if (!(split <= 100)) {
      return fail(500, "config store ab: split must be a whole number from 0 to 100");
    }
  }
  const cookieName = "ab_" + experiment;
  let variant = stickyVariant(req, cookieName);
  const assigned = variant === null;
  if (assigned) {
    variant = assign(split);
  }

  const headers = new Headers(req.headers);
  headers.set("x-ab-variant", variant);
  const upstream = new Request(prefixedUri(req.url, variant), {
    method: req.method,
    headers,
    body: req.body,
  });
  let resp;
  try {
    resp = await fetch(upstream, { backend: "origin" });
  } catch (e) {
    return fail(502, "origin: " + e.message);
  }
  const out = new Response(resp.body, { status: resp.status, headers: resp.headers });
  out.headers.set("x-ab-variant", variant);
  out.headers.append("vary", "cookie");
  out.headers.set("cache-control", "private");
  if (assigned) {
    out.headers.append(
      "set-cookie",
      `${cookieName}=${variant}; Path=/; Max-Age=${COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax`
    );
  }
  return out;
}

// The variant named by cookie `name` ("a" or "b"), or null.
function stickyVariant(req, name) {
  const header = req.headers.get("cookie");
  if (header === null) return null;
  // Several cookie headers come joined with ", " by the Headers API; split on both separators.
  for (const pair of header.split(/[;,]/)) {
    const p = pair.trim();
    if (p.startsWith(name + "=")) {
      const v = p.slice(name.length + 1).trim();
      if (v === "a" || v === "b") return v;
    }
  }
  return null;
}

// "b" with probability `split` percent, from strong random bytes (WASI random_get).
function assign(split) {
  const roll = crypto.getRandomValues(new Uint32Array(1))[0] % 100;
  return roll < split ? "b" : "a";
}

// `uri` with /variant put in front of its path (absolute or origin-form URIs).
function prefixedUri(uri, variant) {
  let pathStart = 0;
  const scheme = uri.indexOf("://");
  if (scheme >= 0) {
    const slash = uri.indexOf("/", scheme + 3);
    pathStart = slash >= 0 ? slash : uri.length;
  }
  const path = uri.slice(pathStart) || "/";
  return uri.slice(0, pathStart) + "/" + variant + path;
}

function fail(status, message) {
  return new Response(message, { status, headers: { "content-type": "text/plain;charset=UTF-8" } });
}
