/// <reference types="@fastly/js-compute" />
// Ledge JS sample "geo-pricing", the twin of guest-samples/rust/geo_pricing (see README.md there
// and here): prices a product in the client's currency.
//
//   GET /price?product=NAME&usd=AMOUNT
// The client's address goes through getGeolocationForIpAddress (fastly_geo.lookup), its country
// code picks an entry of ConfigStore "pricing" (or its "default"), and the answer is JSON with the
// net amount, tax and total in the local currency, rounded half away from zero to "decimals"
// places (2 when absent). x-client-ip replaces the socket's address only when the store holds
// trust_client_ip_header = "true" (local testing only).
//   200 the price; 400 bad usd or x-client-ip; 404 other paths; 405 other methods;
//   500 no entry and no default, or an entry that is not valid.
import { ConfigStore } from "fastly:config-store";
import { getGeolocationForIpAddress } from "fastly:geolocation";

const STORE = "pricing";
const CLIENT_IP_HEADER = "x-client-ip";
// The grammar Rust's f64 parser accepts for finite numbers: every language refuses the same usd.
const RUST_FLOAT = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

addEventListener("fetch", (event) => event.respondWith(handle(event)));

function handle(event) {
  const req = event.request;
  const [path, query] = splitUri(req.url);
  if (path !== "/price") {
    return answer(404, errorJson("no such route; try /price?product=NAME&usd=AMOUNT"));
  }
  if (req.method !== "GET") {
    return answer(405, errorJson("only GET"));
  }
  const usdText = queryParam(query, "usd");
  const usd = usdText !== null && RUST_FLOAT.test(usdText) ? Number(usdText) : NaN;
  if (!(Number.isFinite(usd) && usd >= 0)) {
    return answer(400, errorJson("usd must be a non-negative number"));
  }
  const product = queryParam(query, "product") ?? "item";
  const store = new ConfigStore(STORE);

  let ip = event.client.address;
  let source = "socket";
  let record;
  const header = store.get("trust_client_ip_header") === "true" ? req.headers.get(CLIENT_IP_HEADER) : null;
  if (header !== null) {
    ip = header.trim();
    source = "header";
    try {
      record = getGeolocationForIpAddress(ip);
    } catch (e) {
      return answer(400, errorJson(`${CLIENT_IP_HEADER} is not an IP address: ${ip}`));
    }
  } else {
    record = getGeolocationForIpAddress(ip);
  }
  const country = text(record?.country_code);
  const city = text(record?.city);

  let rulesKey = country;
  let entry = store.get(country);
  if (entry === null) {
    rulesKey = "default";
    entry = store.get("default");
    if (entry === null) {
      return answer(500, errorJson(`no pricing for ${country} and no default`));
    }
  }
  const rules = parseRules(entry);
  if (rules === null) {
    return answer(500, errorJson(`pricing entry ${rulesKey} is not valid`));
  }
  const d = rules.decimals;
  const net = round(usd * rules.rate, d);
  const tax = round(net * rules.tax, d);
  const total = round(net + tax, d);
  const json =
    `{"product":${quote(product)},"usd":${usd},"client_ip":${quote(ip)},"client_ip_source":"${source}",` +
    `"country":${quote(country)},"city":${quote(city)},"rules":${quote(rulesKey)},` +
    `"currency":${quote(rules.currency)},"rate":${rules.rate},"tax_rate":${rules.tax},` +
    `"net":${net.toFixed(d)},"tax":${tax.toFixed(d)},"total":${total.toFixed(d)}}`;
  return answer(200, json);
}

// A geolocation string field, "?" when unknown (as the Rust and Go versions print it).
function text(v) {
  return typeof v === "string" ? v : "?";
}

function parseRules(entry) {
  let o;
  try {
    o = JSON.parse(entry);
  } catch (e) {
    return null;
  }
  if (o === null || typeof o !== "object") return null;
  const { currency, rate, tax } = o;
  if (typeof currency !== "string" || typeof rate !== "number" || typeof tax !== "number") return null;
  let decimals = 2;
  if ("decimals" in o) {
    if (typeof o.decimals !== "number") return null;
    decimals = Math.max(0, Math.trunc(o.decimals)); // as Rust's `as usize` does
  }
  if (!(Number.isFinite(rate) && rate > 0 && Number.isFinite(tax) && tax >= 0 && decimals <= 6)) return null;
  return { currency, rate, tax, decimals };
}

// Rounds half away from zero to `decimals` places (amounts here are never negative).
function round(v, decimals) {
  const scale = 10 ** decimals;
  return Math.round(v * scale) / scale;
}

// The path and query of an absolute or origin-form URI.
function splitUri(uri) {
  let rest = uri;
  const scheme = uri.indexOf("://");
  if (scheme >= 0) {
    const slash = uri.indexOf("/", scheme + 3);
    rest = slash >= 0 ? uri.slice(slash) : "/";
  }
  const q = rest.indexOf("?");
  return q >= 0 ? [rest.slice(0, q), rest.slice(q + 1)] : [rest, ""];
}

// The first value of query parameter `name`, percent-decoded ("+" is a space), or null.
function queryParam(query, name) {
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    const [k, v] = eq >= 0 ? [pair.slice(0, eq), pair.slice(eq + 1)] : [pair, ""];
    if (k === name) return percentDecode(v);
  }
  return null;
}

// Decodes %XX escapes and "+"; a "%" without two hex digits stays as it is.
function percentDecode(s) {
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (s[i] === "+") {
      bytes.push(0x20);
    } else if (s[i] === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(String.fromCharCode(c))) bytes.push(b);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

// `s` as a JSON string literal, control characters as \u00XX.
function quote(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c < 0x20) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

function errorJson(message) {
  return `{"error":${quote(message)}}`;
}

function answer(status, json) {
  return new Response(json, {
    status,
    headers: { "content-type": "application/json", "cache-control": "private, no-store" },
  });
}
