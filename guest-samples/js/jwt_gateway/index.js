/// <reference types="@fastly/js-compute" />
// Ledge JS sample "jwt-gateway", the twin of guest-samples/rust/jwt_gateway (see README.md): only
// requests with a good bearer JWT reach backend "origin", which learns the caller's claims from
// the x-jwt-claims header.
//
// JS guests cannot import Ledge's ledge_crypto module (the SDK compiles in its own hostcall
// imports), so the token is checked here, in the same order and with the same answers as
// ledge_crypto.jwt_verify, with the SDK's Web Crypto (crypto.subtle.importKey of a JWK and
// crypto.subtle.verify; RSASSA-PKCS1-v1_5 and ECDSA are what @fastly/js-compute 3.46.0 verifies).
// The JWK set is secret "keys" of SecretStore "jwks"; RS256 or ES256, 30 s of clock skew, issuer
// https://id.example, audience edge.
//
//   good token       forwarded without authorization, with x-jwt-claims (non-ASCII as \uXXXX)
//   no bearer token  401 {"error":"missing"}, www-authenticate: Bearer realm="edge"
//   refused token    401 {"error":"REASON"} (malformed, expired, not_yet_valid, bad_signature,
//                    unknown_key, algorithm_not_allowed, wrong_issuer, wrong_audience)
//   no/bad JWK set   500 {"error":"store_missing"} / {"error":"jwks_invalid"}
//   origin down      502 {"error":"origin: DETAIL"}
import { SecretStore } from "fastly:secret-store";

const BACKEND = "origin";
const CLAIMS_HEADER = "x-jwt-claims";
const ISSUER = "https://id.example";
const AUDIENCE = "edge";
const CLOCK_SKEW_SEC = 30;
// The algorithms this gateway accepts, with the key type they need and their Web Crypto names.
const ALGORITHMS = {
  RS256: {
    kty: "RSA",
    importParams: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    verifyParams: { name: "RSASSA-PKCS1-v1_5" },
  },
  ES256: {
    kty: "EC",
    crv: "P-256",
    importParams: { name: "ECDSA", namedCurve: "P-256" },
    verifyParams: { name: "ECDSA", hash: "SHA-256" },
  },
};
// RFC 7518, section 3.3: RSA keys of fewer bits are refused.
const MIN_RSA_BITS = 2048;

addEventListener("fetch", (event) => event.respondWith(handle(event)));

async function handle(event) {
  const req = event.request;
  const token = bearerToken(req);
  if (token === null) {
    return refuse(401, "missing", 'Bearer realm="edge"');
  }
  const outcome = await verify(token);
  if (outcome.error === "store_missing" || outcome.error === "jwks_invalid") {
    return refuse(500, outcome.error, null);
  }
  if (outcome.error) {
    return refuse(401, outcome.error, `Bearer realm="edge", error="invalid_token", error_description="${outcome.error}"`);
  }
  const headers = new Headers(req.headers);
  headers.delete("authorization");
  headers.set(CLAIMS_HEADER, asciiJson(outcome.claims));
  try {
    return await fetch(new Request(req.url, { method: req.method, headers, body: req.body }), { backend: BACKEND });
  } catch (e) {
    return refuse(502, "origin: " + e.message, null);
  }
}

// The token of "authorization: Bearer TOKEN" (scheme case-insensitive), or null.
function bearerToken(req) {
  const value = (req.headers.get("authorization") ?? "").trim();
  if (value.length < 7 || value.slice(0, 7).toLowerCase() !== "bearer ") return null;
  const token = value.slice(7).trim();
  return token === "" ? null : token;
}

// Checks a compact JWS; {claims: JSON text} or {error: reason}. The checks run in the order
// ledge_crypto.jwt_verify documents (docs/ledge-crypto.md) and the first failure is the answer.
async function verify(token) {
  const parts = token.split(".");
  if (parts.length !== 3) return { error: "malformed" };
  const header = jsonObject(parts[0]);
  if (header !== null && header.alg === "none") return { error: "algorithm_not_allowed" };
  const payloadText = utf8(parts[1]);
  const claims = payloadText === null ? null : parseObject(payloadText);
  const signature = base64url(parts[2]);
  if (header === null || typeof header.alg !== "string" || claims === null || signature === null || !claimsWellTyped(claims)) {
    return { error: "malformed" };
  }
  if (header.kid !== undefined && typeof header.kid !== "string") return { error: "malformed" };
  if (Array.isArray(header.crit) && header.crit.length > 0) return { error: "malformed" };
  const alg = ALGORITHMS[header.alg];
  if (!Object.hasOwn(ALGORITHMS, header.alg)) return { error: "algorithm_not_allowed" };

  const keys = await loadKeys();
  if (keys.error) return keys;
  const candidates = [];
  for (const jwk of keys.keys) {
    if (header.kid !== undefined && jwk.kid !== header.kid) continue;
    if (jwk.alg !== undefined && jwk.alg !== header.alg) continue;
    if (jwk.use !== undefined && jwk.use !== "sig") continue;
    if (jwk.kty !== alg.kty || (alg.crv !== undefined && jwk.crv !== alg.crv)) continue;
    if (alg.kty === "RSA" && rsaBits(jwk.n) < MIN_RSA_BITS) continue;
    try {
      const { kty, n, e, crv, x, y } = jwk;
      candidates.push(await crypto.subtle.importKey("jwk", { kty, n, e, crv, x, y }, alg.importParams, false, ["verify"]));
    } catch (e) {
      // a key that does not import does not fit
    }
  }
  if (candidates.length === 0) return { error: "unknown_key" };
  const input = new TextEncoder().encode(parts[0] + "." + parts[1]);
  let good = false;
  for (const key of candidates) {
    try {
      if (await crypto.subtle.verify(alg.verifyParams, key, signature, input)) {
        good = true;
        break;
      }
    } catch (e) {
      // a signature of the wrong shape does not verify
    }
  }
  if (!good) return { error: "bad_signature" };

  const now = Date.now() / 1000;
  if (claims.exp != null && !(now < Math.trunc(claims.exp) + CLOCK_SKEW_SEC)) return { error: "expired" };
  if (claims.nbf != null && now + CLOCK_SKEW_SEC < Math.trunc(claims.nbf)) return { error: "not_yet_valid" };
  if (claims.iss !== ISSUER) return { error: "wrong_issuer" };
  const aud = typeof claims.aud === "string" ? [claims.aud] : claims.aud ?? [];
  if (!aud.includes(AUDIENCE)) return { error: "wrong_audience" };
  return { claims: payloadText };
}

// The registered claims a JWT library would refuse to read: numbers for the times, strings for
// iss/sub/jti, a string or a list of strings for aud.
function claimsWellTyped(c) {
  const num = (v) => v == null || typeof v === "number";
  const str = (v) => v == null || typeof v === "string";
  const aud = c.aud == null || typeof c.aud === "string" || (Array.isArray(c.aud) && c.aud.every((a) => typeof a === "string"));
  return num(c.exp) && num(c.nbf) && num(c.iat) && str(c.iss) && str(c.sub) && str(c.jti) && aud;
}

// The JWK set of secret "keys" in SecretStore "jwks" ({"keys":[...]} or one JWK), as
// {keys: [...]} or {error: "store_missing" | "jwks_invalid"}.
async function loadKeys() {
  let secret;
  try {
    secret = await new SecretStore("jwks").get("keys");
  } catch (e) {
    return { error: "store_missing" };
  }
  if (secret === null) return { error: "store_missing" };
  const set = parseObject(secret.plaintext());
  if (set === null) return { error: "jwks_invalid" };
  if (typeof set.kty === "string") return { keys: [set] };
  if (!Array.isArray(set.keys) || !set.keys.every((k) => k !== null && typeof k === "object" && typeof k.kty === "string")) {
    return { error: "jwks_invalid" };
  }
  return { keys: set.keys };
}

// The bit length of an RSA modulus given in base64url; 0 when it is not one.
function rsaBits(n) {
  const bytes = typeof n === "string" ? base64url(n) : null;
  if (bytes === null) return 0;
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

// base64url text (unpadded) as bytes, or null when it is not base64url.
function base64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function utf8(part) {
  const bytes = base64url(part);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

function jsonObject(part) {
  const text = utf8(part);
  return text === null ? null : parseObject(text);
}

function parseObject(text) {
  try {
    const v = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch (e) {
    return null;
  }
}

// The claims' JSON with every non-ASCII character as a \uXXXX escape (still the same JSON: such
// characters only occur inside strings); a tab becomes a space, other control characters go.
function asciiJson(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09) out += " ";
    else if (c < 0x20 || c === 0x7f) continue;
    else if (c < 0x80) out += text[i];
    else out += "\\u" + c.toString(16).padStart(4, "0");
  }
  return out;
}

// Answers `status` with {"error":REASON} and, when given, a www-authenticate challenge.
function refuse(status, reason, challenge) {
  const headers = { "content-type": "application/json", "cache-control": "no-store" };
  if (challenge) headers["www-authenticate"] = challenge;
  return new Response(`{"error":"${reason.replace(/["\\]/g, "'")}"}`, { status, headers });
}
