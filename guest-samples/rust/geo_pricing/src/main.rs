//! Ledge's Rust "geo-pricing" sample: prices a product in the client's currency.
//!
//! `GET /price?product=NAME&usd=AMOUNT` looks up the client's address with `fastly_geo.lookup`,
//! takes the country's entry from the config store `pricing` (key = ISO country code, value =
//! `{"currency":"ARS","rate":1234.5,"tax":0.21,"decimals":0}`; the key `default` for every other
//! country) and answers the price as JSON: the net amount in the local currency, the tax and the
//! total, each rounded to `decimals` places (2 when absent).
//!
//! The client's address is the socket's. Only when the store holds
//! `trust_client_ip_header = "true"` does an `x-client-ip` header replace it: that is for local
//! testing (every local request comes from 127.0.0.1), and must stay off wherever clients can
//! set the header themselves.
//!
//! * 200 — the price (application/json).
//! * 400 — `usd` missing or not a non-negative number, or a bad `x-client-ip`.
//! * 404 — any other path; 405 — any other method.
//! * 500 — the store has neither the country nor `default`, or an entry is not valid.

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;
mod flat_json;

use fastly_abi::{geo, Body, ConfigStore, Request, Response, Result};
use std::net::IpAddr;

/// The config store with the pricing entries and the trust switch.
const STORE: &str = "pricing";
/// The header that names the client's address when the store trusts it.
const CLIENT_IP_HEADER: &str = "x-client-ip";

/// One country's pricing rules.
struct Rules {
    currency: String,
    rate: f64,
    tax: f64,
    decimals: usize,
}

fn main() -> Result<()> {
    let (req, _body) = Request::downstream()?;
    let uri = req.uri()?;
    let (path, query) = split_uri(&uri);
    if path != "/price" {
        return answer(404, &error_json("no such route; try /price?product=NAME&usd=AMOUNT"));
    }
    if req.method()? != "GET" {
        return answer(405, &error_json("only GET"));
    }
    let usd = match query_param(query, "usd").and_then(|v| v.parse::<f64>().ok()) {
        Some(v) if v.is_finite() && v >= 0.0 => v,
        _ => return answer(400, &error_json("usd must be a non-negative number")),
    };
    let product = query_param(query, "product").unwrap_or_else(|| "item".to_string());
    let store = ConfigStore::open(STORE)?;
    let (ip, source) = match client_ip(&req, &store)? {
        Ok(found) => found,
        Err(bad) => return answer(400, &error_json(&format!("{} is not an IP address: {}", CLIENT_IP_HEADER, bad))),
    };
    let record = geo::lookup(ip)?.unwrap_or_default();
    let country = flat_json::string(&record, "country_code").unwrap_or_else(|| "?".to_string());
    let city = flat_json::string(&record, "city").unwrap_or_else(|| "?".to_string());
    let (rules_key, entry) = match store.get(&country)? {
        Some(e) => (country.clone(), e),
        None => match store.get("default")? {
            Some(e) => ("default".to_string(), e),
            None => return answer(500, &error_json(&format!("no pricing for {} and no default", country))),
        },
    };
    let rules = match parse_rules(&entry) {
        Some(r) => r,
        None => return answer(500, &error_json(&format!("pricing entry {} is not valid", rules_key))),
    };
    let d = rules.decimals;
    let net = round(usd * rules.rate, d);
    let tax = round(net * rules.tax, d);
    let total = round(net + tax, d);
    let json = format!(
        "{{\"product\":{},\"usd\":{},\"client_ip\":{},\"client_ip_source\":\"{}\",\"country\":{},\"city\":{},\
         \"rules\":{},\"currency\":{},\"rate\":{},\"tax_rate\":{},\"net\":{:.*},\"tax\":{:.*},\"total\":{:.*}}}",
        flat_json::quote(&product),
        usd,
        flat_json::quote(&ip.to_string()),
        source,
        flat_json::quote(&country),
        flat_json::quote(&city),
        flat_json::quote(&rules_key),
        flat_json::quote(&rules.currency),
        rules.rate,
        rules.tax,
        d,
        net,
        d,
        tax,
        d,
        total
    );
    answer(200, &json)
}

/// The address to price for and where it came from (`socket` or `header`); `Err` with the
/// header's text when a trusted header is not an address.
fn client_ip(req: &Request, store: &ConfigStore) -> Result<std::result::Result<(IpAddr, &'static str), String>> {
    if store.get("trust_client_ip_header")?.as_deref() == Some("true") {
        if let Some(value) = req.header_value(CLIENT_IP_HEADER)? {
            let text = String::from_utf8_lossy(&value).trim().to_string();
            return Ok(match text.parse::<IpAddr>() {
                Ok(ip) => Ok((ip, "header")),
                Err(_) => Err(text),
            });
        }
    }
    Ok(Ok((req.client_ip_addr()?, "socket")))
}

fn parse_rules(entry: &str) -> Option<Rules> {
    let currency = flat_json::string(entry, "currency")?;
    let rate = flat_json::number(entry, "rate")?;
    let tax = flat_json::number(entry, "tax")?;
    let decimals = match flat_json::member(entry, "decimals") {
        None => 2,
        Some(_) => flat_json::number(entry, "decimals")? as usize,
    };
    if !(rate.is_finite() && rate > 0.0 && tax.is_finite() && tax >= 0.0 && decimals <= 6) {
        return None;
    }
    Some(Rules { currency, rate, tax, decimals })
}

/// Rounds half away from zero to `decimals` places.
fn round(v: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    (v * scale).round() / scale
}

/// The path and query of an absolute or origin-form URI.
fn split_uri(uri: &str) -> (&str, &str) {
    let rest = match uri.find("://") {
        Some(i) => {
            let after = &uri[i + 3..];
            match after.find('/') {
                Some(j) => &after[j..],
                None => "/",
            }
        }
        None => uri,
    };
    match rest.find('?') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, ""),
    }
}

/// The first value of query parameter `name`, percent-decoded (`+` is a space).
fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = match pair.find('=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, ""),
        };
        if k == name {
            Some(percent_decode(v))
        } else {
            None
        }
    })
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 3 <= b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn error_json(message: &str) -> String {
    format!("{{\"error\":{}}}", flat_json::quote(message))
}

fn answer(status: u16, json: &str) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", "application/json")?;
    resp.insert_header("cache-control", "private, no-store")?;
    let mut body = Body::new()?;
    body.write_all(json.as_bytes())?;
    resp.send(body)
}
