/// <reference types="@fastly/js-compute" />
// Ledge JS sample "geo-headers", the twin of guest-samples/rust/geo_headers (see README.md): a
// proxy that tells the origin where its visitor is.
//
// Every request goes to backend "origin" as it came with the visitor's location from
// getGeolocationForIpAddress (fastly_geo.lookup) added as request headers: x-geo-ip always, then
// x-geo-country-code, -country-name, -region, -city, -postal-code, -continent, -asn, -as-name from
// the fields of the same names; the origin's answer streams back unchanged. Unknown fields (null,
// empty, "?", AS number 0) are left out; values are UTF-8 with bytes outside printable ASCII, and
// '%', written as %XX. Client-sent x-geo-* headers are removed first. The address is the socket's,
// or x-client-ip when ConfigStore "geo_headers" holds trust_client_ip_header = "true" (400 when it
// is not an address). An unreachable origin is a 502 {"error":"origin: DETAIL"}.
import { ConfigStore } from "fastly:config-store";
import { getGeolocationForIpAddress } from "fastly:geolocation";

const CLIENT_IP_HEADER = "x-client-ip";
// Request header <- geolocation field, in the order they are added.
const FIELDS = [
  ["x-geo-country-code", "country_code"],
  ["x-geo-country-name", "country_name"],
  ["x-geo-region", "region"],
  ["x-geo-city", "city"],
  ["x-geo-postal-code", "postal_code"],
  ["x-geo-continent", "continent"],
  ["x-geo-asn", "as_number"],
  ["x-geo-as-name", "as_name"],
];

addEventListener("fetch", (event) => event.respondWith(handle(event)));

async function handle(event) {
  const req = event.request;
  const store = new ConfigStore("geo_headers");
  let ip = event.client.address;
  let record;
  const header = store.get("trust_client_ip_header") === "true" ? req.headers.get(CLIENT_IP_HEADER) : null;
  if (header !== null) {
    ip = header.trim();
    try {
      record = getGeolocationForIpAddress(ip);
    } catch (e) {
      return fail(400, `${CLIENT_IP_HEADER} is not an IP address: ${ip}`);
    }
  } else {
    record = getGeolocationForIpAddress(ip);
  }

  const headers = new Headers();
  for (const [name, value] of req.headers) {
    if (!name.toLowerCase().startsWith("x-geo-")) headers.append(name, value);
  }
  headers.set("x-geo-ip", ip);
  for (const [name, field] of FIELDS) {
    const v = record ? record[field] : null;
    const value = typeof v === "number" ? (v === 0 ? "" : String(v)) : typeof v === "string" ? v : "";
    if (value !== "" && value !== "?") headers.set(name, percentEncode(value));
  }
  const upstream = new Request(req.url, { method: req.method, headers, body: req.body });
  try {
    return await fetch(upstream, { backend: "origin" });
  } catch (e) {
    return fail(502, "origin: " + e.message);
  }
}

// Every UTF-8 byte of `value` outside printable ASCII, and '%', as %XX.
function percentEncode(value) {
  let out = "";
  for (const b of new TextEncoder().encode(value)) {
    out += b >= 0x20 && b < 0x7f && b !== 0x25 ? String.fromCharCode(b) : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function fail(status, message) {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { "content-type": "application/json" },
  });
}
