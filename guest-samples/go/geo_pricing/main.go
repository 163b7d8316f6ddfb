// Command geo_pricing is Ledge's Go "geo-pricing" sample, the twin of guest-samples/rust/geo_pricing:
// it prices a product in the client's currency.
//
// GET /price?product=NAME&usd=AMOUNT looks the client's address up with fastly_geo.lookup, takes
// the country's entry from config store "pricing" (key = ISO country code, value =
// {"currency":"ARS","rate":1234.5,"tax":0.21,"decimals":0}; key "default" for every other
// country) and answers the price as JSON: the net amount in the local currency, the tax and the
// total, each rounded half away from zero to "decimals" places (2 when absent).
//
// The client's address is the socket's. Only when the store holds trust_client_ip_header = "true"
// does an x-client-ip header replace it (local testing only: clients could choose their price).
//
//   - 200: the price (application/json).
//   - 400: usd missing or not a non-negative number, or a bad x-client-ip.
//   - 404: any other path; 405: any other method.
//   - 500: the store has neither the country nor "default", or an entry is not valid.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"ledge.dev/abi/fastlyabi"
)

const (
	store          = "pricing"
	clientIPHeader = "x-client-ip"
)

// rustFloat is the grammar Rust's f64 parser accepts for finite numbers, so that every language
// version of the sample refuses the same "usd" values.
var rustFloat = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// rules is one country's pricing entry.
type rules struct {
	currency string
	rate     float64
	tax      float64
	decimals int
}

func main() {
	req, _, err := fastlyabi.DownstreamRequest()
	check(err)
	uri, err := req.URI()
	check(err)
	path, query := splitURI(uri)
	if path != "/price" {
		answer(404, errorJSON("no such route; try /price?product=NAME&usd=AMOUNT"))
		return
	}
	method, err := req.Method()
	check(err)
	if method != "GET" {
		answer(405, errorJSON("only GET"))
		return
	}
	usdText, _ := queryParam(query, "usd")
	usd, perr := strconv.ParseFloat(usdText, 64)
	if !rustFloat.MatchString(usdText) || perr != nil || math.IsInf(usd, 0) || usd < 0 {
		answer(400, errorJSON("usd must be a non-negative number"))
		return
	}
	product, ok := queryParam(query, "product")
	if !ok {
		product = "item"
	}
	st, err := fastlyabi.OpenConfigStore(store)
	check(err)
	ip, source, bad := clientIP(req, st)
	if bad != "" {
		answer(400, errorJSON(clientIPHeader+" is not an IP address: "+bad))
		return
	}
	record, _, err := fastlyabi.GeoLookupJSON(ip)
	check(err)
	country := stringMember(record, "country_code", "?")
	city := stringMember(record, "city", "?")
	rulesKey := country
	entry, found, err := st.Get(country)
	check(err)
	if !found {
		rulesKey = "default"
		entry, found, err = st.Get("default")
		check(err)
		if !found {
			answer(500, errorJSON("no pricing for "+country+" and no default"))
			return
		}
	}
	r, ok := parseRules(entry)
	if !ok {
		answer(500, errorJSON("pricing entry "+rulesKey+" is not valid"))
		return
	}
	d := r.decimals
	net := round(usd*r.rate, d)
	tax := round(net*r.tax, d)
	total := round(net+tax, d)
	var b strings.Builder
	fmt.Fprintf(&b, `{"product":%s,"usd":%s,"client_ip":%s,"client_ip_source":"%s","country":%s,"city":%s,`,
		quote(product), plain(usd), quote(ip.String()), source, quote(country), quote(city))
	fmt.Fprintf(&b, `"rules":%s,"currency":%s,"rate":%s,"tax_rate":%s,"net":%s,"tax":%s,"total":%s}`,
		quote(rulesKey), quote(r.currency), plain(r.rate), plain(r.tax),
		strconv.FormatFloat(net, 'f', d, 64), strconv.FormatFloat(tax, 'f', d, 64), strconv.FormatFloat(total, 'f', d, 64))
	answer(200, b.String())
}

// clientIP returns the address to price for and where it came from ("socket" or "header"), or
// the header's text in bad when a trusted header is not an address.
func clientIP(req fastlyabi.Request, st fastlyabi.ConfigStore) (ip netip.Addr, source, bad string) {
	trust, _, err := st.Get("trust_client_ip_header")
	check(err)
	if trust == "true" {
		if v, ok, err := req.HeaderValue(clientIPHeader); err == nil && ok {
			text := strings.TrimSpace(v)
			a, perr := netip.ParseAddr(text)
			if perr != nil || a.Zone() != "" {
				return netip.Addr{}, "", text
			}
			return a, "header", ""
		}
	}
	a, err := req.ClientIPAddr()
	check(err)
	return a, "socket", ""
}

// stringMember is the string member key of the JSON object record, or fallback.
func stringMember(record []byte, key, fallback string) string {
	var m map[string]any
	if json.Unmarshal(record, &m) != nil {
		return fallback
	}
	if s, ok := m[key].(string); ok {
		return s
	}
	return fallback
}

func parseRules(entry string) (rules, bool) {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader([]byte(entry)))
	if dec.Decode(&m) != nil {
		return rules{}, false
	}
	currency, ok1 := m["currency"].(string)
	rate, ok2 := m["rate"].(float64)
	tax, ok3 := m["tax"].(float64)
	if !ok1 || !ok2 || !ok3 {
		return rules{}, false
	}
	decimals := 2
	if v, present := m["decimals"]; present {
		f, ok := v.(float64)
		if !ok {
			return rules{}, false
		}
		decimals = int(math.Max(0, math.Trunc(f))) // as Rust's `as usize` does
	}
	if !(rate > 0 && !math.IsInf(rate, 0) && tax >= 0 && !math.IsInf(tax, 0) && decimals <= 6) {
		return rules{}, false
	}
	return rules{currency, rate, tax, decimals}, true
}

// round rounds half away from zero to decimals places.
func round(v float64, decimals int) float64 {
	scale := math.Pow(10, float64(decimals))
	return math.Round(v*scale) / scale
}

// plain writes a number the way Rust's Display does: shortest form, no exponent.
func plain(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// splitURI returns the path and query of an absolute or origin-form URI.
func splitURI(uri string) (string, string) {
	rest := uri
	if i := strings.Index(uri, "://"); i >= 0 {
		after := uri[i+3:]
		if j := strings.IndexByte(after, '/'); j >= 0 {
			rest = after[j:]
		} else {
			rest = "/"
		}
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		return rest[:i], rest[i+1:]
	}
	return rest, ""
}

// queryParam is the first value of query parameter name, percent-decoded ("+" is a space).
func queryParam(query, name string) (string, bool) {
	for _, pair := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(pair, "=")
		if k == name {
			return percentDecode(v), true
		}
	}
	return "", false
}

// percentDecode decodes %XX escapes and "+"; a "%" not followed by two hex digits stays as it is.
func percentDecode(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '+':
			out = append(out, ' ')
		case s[i] == '%' && i+3 <= len(s):
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
			} else {
				out = append(out, '%')
			}
		default:
			out = append(out, s[i])
		}
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// quote writes s as a JSON string literal (control characters as \u00XX).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c < 0x20:
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func errorJSON(message string) string {
	return `{"error":` + quote(message) + `}`
}

func answer(status int, body string) {
	resp, err := fastlyabi.NewResponse()
	check(err)
	check(resp.SetStatus(status))
	check(resp.InsertHeader("content-type", "application/json"))
	check(resp.InsertHeader("cache-control", "private, no-store"))
	b, err := fastlyabi.NewBody()
	check(err)
	_, err = b.WriteString(body)
	check(err)
	check(resp.Send(b))
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
