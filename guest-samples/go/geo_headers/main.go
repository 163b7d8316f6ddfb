// Command geo_headers is Ledge's Go "geo-headers" sample, the twin of
// guest-samples/rust/geo_headers: a proxy that tells the origin where its visitor is.
//
// Every request goes to backend "origin" as it came (method, URI, headers, body) with the
// visitor's location from fastly_geo.lookup added as request headers (x-geo-ip always, then
// x-geo-country-code, -country-name, -region, -city, -postal-code, -continent, -asn and -as-name
// from the geolocation fields of the same names), and the origin's answer streams back unchanged.
//
// A field the host does not know (absent, null, empty, "?", or an AS number of 0) is left out.
// Values are UTF-8 with every byte outside printable ASCII, and '%', written as %XX. Every x-geo-*
// header the client sent is removed first. The visitor's address is the socket's, or x-client-ip
// when config store "geo_headers" holds trust_client_ip_header = "true" (400 when that header is
// not an address). An unreachable origin is a 502 {"error":"origin: DETAIL"}.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"

	"ledge.dev/abi/fastlyabi"
)

const clientIPHeader = "x-client-ip"

// fields maps each request header to its geolocation field, in the order they are added.
var fields = [][2]string{
	{"x-geo-country-code", "country_code"},
	{"x-geo-country-name", "country_name"},
	{"x-geo-region", "region"},
	{"x-geo-city", "city"},
	{"x-geo-postal-code", "postal_code"},
	{"x-geo-continent", "continent"},
	{"x-geo-asn", "as_number"},
	{"x-geo-as-name", "as_name"},
}

func main() {
	req, body, err := fastlyabi.DownstreamRequest()
	check(err)
	store, err := fastlyabi.OpenConfigStore("geo_headers")
	check(err)
	ip, bad := clientIP(req, store)
	if bad != "" {
		fail(400, clientIPHeader+" is not an IP address: "+bad)
		return
	}
	names, err := req.HeaderNames()
	check(err)
	for _, name := range names {
		if strings.HasPrefix(strings.ToLower(name), "x-geo-") {
			check(req.RemoveHeader(name))
		}
	}
	check(req.InsertHeader("x-geo-ip", ip.String()))
	record, known, err := fastlyabi.GeoLookupJSON(ip)
	check(err)
	if known {
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(record))
		dec.UseNumber() // keeps the host's number text, as the other languages print it
		if dec.Decode(&m) == nil {
			for _, f := range fields {
				var value string
				switch v := m[f[1]].(type) {
				case string:
					value = v
				case json.Number:
					if v.String() != "0" {
						value = v.String()
					}
				}
				if value != "" && value != "?" {
					check(req.InsertHeader(f[0], percentEncode(value)))
				}
			}
		}
	}
	resp, respBody, err := req.Send(body, "origin")
	if err != nil {
		fail(502, "origin: "+err.Error())
		return
	}
	check(resp.Send(respBody))
}

// clientIP is the visitor's address: the socket's, or a trusted x-client-ip (its text in bad when
// it is not an address).
func clientIP(req fastlyabi.Request, store fastlyabi.ConfigStore) (ip netip.Addr, bad string) {
	trust, _, err := store.Get("trust_client_ip_header")
	check(err)
	if trust == "true" {
		if v, ok, err := req.HeaderValue(clientIPHeader); err == nil && ok {
			text := strings.TrimSpace(v)
			a, perr := netip.ParseAddr(text)
			if perr != nil || a.Zone() != "" {
				return netip.Addr{}, text
			}
			return a, ""
		}
	}
	a, err := req.ClientIPAddr()
	check(err)
	return a, ""
}

// percentEncode writes every byte of value outside printable ASCII, and '%', as %XX.
func percentEncode(value string) string {
	var b strings.Builder
	for i := 0; i < len(value); i++ {
		c := value[i]
		if c >= 0x20 && c < 0x7f && c != '%' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func fail(status int, message string) {
	resp, err := fastlyabi.NewResponse()
	check(err)
	check(resp.SetStatus(status))
	check(resp.InsertHeader("content-type", "application/json"))
	msg, _ := json.Marshal(message)
	b, err := fastlyabi.NewBody()
	check(err)
	_, err = b.WriteString(`{"error":` + string(msg) + `}`)
	check(err)
	check(resp.Send(b))
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
