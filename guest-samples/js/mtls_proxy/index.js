/// <reference types="@fastly/js-compute" />
// Ledge JS sample "mtls-proxy" (see README.md): forwards every request to a partner API that only
// talks to clients holding a certificate its CA issued (mutual TLS), through a dynamic backend that
// presents this service's client certificate.
//
// ConfigStore "partner": "host" (host:port of the partner API). SecretStore "mtls": "origin-ca"
// (PEM CA certificate the partner's server certificate must chain to), "client-cert" (PEM
// certificate, chain allowed) and "client-key" (its PEM private key, never read by this code: the
// SDK hands the secret's handle to the host). Without client-cert and client-key the backend is
// registered without a client certificate, and a partner that requires one refuses the handshake.
//
//   partner answers      its response, streamed back unchanged
//   bad cert or key      500 {"error":"partner backend: DETAIL"} (the host refused the backend)
//   handshake refused    502 {"error":"partner: DETAIL"} (no certificate, or one the partner distrusts)
//   missing settings     500 {"error":"..."} naming the store and key
import { Backend } from "fastly:backend";
import { ConfigStore } from "fastly:config-store";
import { SecretStore } from "fastly:secret-store";

const BACKEND = "partner";

addEventListener("fetch", (event) => event.respondWith(handle(event)));

async function handle(event) {
  const req = event.request;
  const host = new ConfigStore("partner").get("host");
  if (!host) {
    return fail(500, "config store partner: host is missing");
  }
  const secrets = new SecretStore("mtls");
  const ca = await secrets.get("origin-ca");
  if (ca === null) {
    return fail(500, "secret store mtls: origin-ca is missing");
  }
  const cert = await secrets.get("client-cert");
  const key = await secrets.get("client-key");
  if ((cert === null) !== (key === null)) {
    return fail(500, "secret store mtls: client-cert and client-key go together");
  }

  let backend;
  try {
    const config = {
      name: BACKEND,
      target: host,
      useSSL: true,
      caCertificate: ca.plaintext(),
      connectTimeout: 10000,
    };
    if (cert !== null) {
      config.clientCertificate = { certificate: cert.plaintext(), key };
    }
    backend = new Backend(config);
  } catch (e) {
    return fail(500, "partner backend: " + e.message);
  }

  const url = new URL(req.url);
  const upstream = new Request("https://" + host + url.pathname + url.search, {
    method: req.method,
    headers: req.headers,
    body: req.body,
  });
  try {
    return await fetch(upstream, { backend });
  } catch (e) {
    return fail(502, "partner: " + e.message);
  }
}

function fail(status, message) {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { "content-type": "application/json" },
  });
}
