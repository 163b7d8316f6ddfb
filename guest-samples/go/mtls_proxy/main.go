// Ledge's Go "mtls-proxy" sample, the twin of guest-samples/js/mtls_proxy: forwards every request
// to a partner API that only talks to clients holding a certificate its CA issued (mutual TLS),
// through a dynamic backend that presents this service's client certificate.
//
// Config store "partner": "host" (host:port of the partner API). Secret store "mtls":
// "origin-ca" (PEM CA certificate the partner's server certificate must chain to),
// "client-cert" (PEM certificate, chain allowed) and "client-key" (its PEM private key, which this
// code never reads: the secret's handle goes to the host). Without client-cert and client-key the
// backend is registered without a client certificate, and a partner that requires one refuses it.
//
// The partner's answer streams back unchanged. A certificate or key the host refuses is a 500
// {"error":"partner backend: ..."}, a refused handshake a 502 {"error":"partner: ..."} (with the
// TLS alert number when the host reports one), missing settings a 500 naming store and key.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"ledge.dev/abi/fastlyabi"
)

const backendName = "partner"

func main() {
	req, body, err := fastlyabi.DownstreamRequest()
	check(err)
	config, err := fastlyabi.OpenConfigStore("partner")
	check(err)
	host, ok, err := config.Get("host")
	check(err)
	if !ok || host == "" {
		fail(500, "config store partner: host is missing")
		return
	}
	store, ok, err := fastlyabi.OpenSecretStore("mtls")
	check(err)
	if !ok {
		fail(500, "secret store mtls is missing")
		return
	}
	ca, ok, err := store.Get("origin-ca")
	check(err)
	if !ok {
		fail(500, "secret store mtls: origin-ca is missing")
		return
	}
	caPem, err := ca.Plaintext()
	check(err)
	opts := fastlyabi.DynamicBackendOptions{UseSSL: true, CACertificate: string(caPem), ConnectTimeoutMs: 10000}
	cert, haveCert, err := store.Get("client-cert")
	check(err)
	key, haveKey, err := store.Get("client-key")
	check(err)
	if haveCert != haveKey {
		fail(500, "secret store mtls: client-cert and client-key go together")
		return
	}
	if haveCert {
		certPem, err := cert.Plaintext()
		check(err)
		opts.ClientCertificate, opts.ClientKey = string(certPem), key
	}
	if _, err := fastlyabi.RegisterDynamicBackend(backendName, host, opts); err != nil {
		fail(500, "partner backend: "+err.Error())
		return
	}

	uri, err := req.URI()
	check(err)
	check(req.SetURI("https://" + host + pathAndQuery(uri)))
	resp, respBody, err := req.Send(body, backendName)
	if err != nil {
		var se *fastlyabi.SendError
		if errors.As(err, &se) {
			if alert, ok := se.TLSAlert(); ok {
				fail(502, fmt.Sprintf("partner: %s (TLS alert %d)", se, alert))
				return
			}
		}
		fail(502, "partner: "+err.Error())
		return
	}
	check(resp.Send(respBody))
}

// pathAndQuery is the path and query of uri (absolute or origin-form), "/" when it has none.
func pathAndQuery(uri string) string {
	i := strings.Index(uri, "://")
	if i < 0 {
		if uri == "" {
			return "/"
		}
		return uri
	}
	rest := uri[i+3:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[j:]
	}
	return "/"
}

// fail answers {"error": message} with status.
func fail(status int, message string) {
	resp, err := fastlyabi.NewResponse()
	check(err)
	check(resp.SetStatus(status))
	check(resp.InsertHeader("content-type", "application/json"))
	b, err := fastlyabi.NewBody()
	check(err)
	text, err := json.Marshal(map[string]string{"error": message})
	check(err)
	_, err = b.Write(text)
	check(err)
	check(resp.Send(b))
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
