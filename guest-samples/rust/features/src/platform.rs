//! The platform routes of the Rust features sample: KV store, ACL, edge rate limiting, the core
//! and HTTP caches, the readthrough cache of `send` and purging (see main.rs for the list).

use crate::fastly_abi::cache::{self, CacheOverride, CacheWrite, CoreCache, HttpCacheTransaction};
use crate::fastly_abi::{
    Acl, Body, InsertMode, KvError, KvInsert, KvStore, PenaltyBox, RateCounter, Request, Result,
};
use crate::{json_string, query_param, respond, respond_with, JSON, TEXT};

/// `/kv/S/K`: GET, PUT (options from the query) and DELETE on KV store S.
pub fn kv(method: &str, store: &str, key: &str, query: &str, body: Body) -> Result<()> {
    let kv = match KvStore::open(store) {
        Ok(kv) => kv,
        Err(e) => return respond(500, TEXT, format!("kv store {}: {}", store, e).as_bytes()),
    };
    match method {
        "PUT" | "POST" => {
            let mut body = body;
            let value = body.read_all()?;
            let mode = match query_param(query, "mode").as_deref() {
                Some("add") => InsertMode::Add,
                Some("append") => InsertMode::Append,
                Some("prepend") => InsertMode::Prepend,
                _ => InsertMode::Overwrite,
            };
            let meta = query_param(query, "meta");
            let options = KvInsert {
                mode,
                metadata: meta.as_deref().map(|m| m.as_bytes()),
                ttl_sec: query_param(query, "ttl").and_then(|t| t.parse().ok()),
                if_generation_match: query_param(query, "gen").and_then(|g| g.parse().ok()),
            };
            kv_outcome(kv.insert(key, &value, &options)?)
        }
        "DELETE" => kv_outcome(kv.delete(key)?),
        _ => match kv.lookup(key)? {
            Ok(mut entry) => {
                let value = entry.body.read_all()?;
                let meta = String::from_utf8_lossy(&entry.metadata).into_owned();
                let generation = entry.generation.to_string();
                respond_with(
                    200,
                    TEXT,
                    &value,
                    &[("x-metadata", meta.as_str()), ("x-generation", generation.as_str())],
                )
            }
            Err(KvError::NOT_FOUND) => respond(404, TEXT, b"no such key"),
            Err(e) => respond(500, TEXT, format!("kv error {}", e.name()).as_bytes()),
        },
    }
}

/// 204 for ok, 404 for not_found, 412 for precondition_failed, else 500 with the error's name.
fn kv_outcome(e: KvError) -> Result<()> {
    match e {
        KvError::OK => respond(204, TEXT, b""),
        KvError::NOT_FOUND => respond(404, TEXT, b"not_found"),
        KvError::PRECONDITION_FAILED => respond(412, TEXT, b"precondition_failed"),
        other => respond(500, TEXT, other.name().as_bytes()),
    }
}

/// `/kv-list/S?prefix=&cursor=&limit=`: the host's JSON listing.
pub fn kv_list(store: &str, query: &str) -> Result<()> {
    let kv = KvStore::open(store)?;
    let prefix = query_param(query, "prefix");
    let cursor = query_param(query, "cursor");
    let limit = query_param(query, "limit").and_then(|l| l.parse().ok());
    match kv.list(prefix.as_deref(), cursor.as_deref(), limit)? {
        Ok(json) => respond(200, JSON, &json),
        Err(e) => respond(500, TEXT, e.name().as_bytes()),
    }
}

/// `/acl/A/IP`: the matching entry as JSON, 404 when none matches.
pub fn acl(name: &str, ip: &str) -> Result<()> {
    let addr = match ip.parse() {
        Ok(a) => a,
        Err(_) => return respond(400, TEXT, b"bad address"),
    };
    match Acl::open(name)? {
        None => respond(500, TEXT, format!("no acl {}", name).as_bytes()),
        Some(acl) => match acl.lookup(addr)? {
            Some(json) => respond(200, JSON, &json),
            None => respond(404, TEXT, b"no match"),
        },
    }
}

/// `/erl/ENTRY`: more than 3 requests a second put the entry in penalty box "pb" for a minute;
/// answers `{"blocked": ..., "count": ...}`.
pub fn erl(entry: &str) -> Result<()> {
    let counter = RateCounter::named("rc");
    let blocked = counter.check_rate(entry, 1, 1, 3, &PenaltyBox::named("pb"), 60)?;
    let count = counter.lookup_count(entry, 10)?;
    let json = format!("{{\"blocked\":{},\"count\":{}}}", blocked, count);
    respond(200, JSON, json.as_bytes())
}

/// `/penalty/ENTRY`: PUT adds the entry to penalty box "manual" for a minute; GET answers
/// `{"has": ...}`.
pub fn penalty(method: &str, entry: &str) -> Result<()> {
    let pb = PenaltyBox::named("manual");
    if method == "PUT" {
        pb.add(entry, 60)?;
        return respond(204, TEXT, b"");
    }
    respond(200, JSON, format!("{{\"has\":{}}}", pb.has(entry)?).as_bytes())
}

/// `/core-cache/K`: PUT inserts the body (max age 60 s, surrogate key `sk-K`, user metadata
/// from `?meta=`); GET answers the cached body with x-cache-hits and x-metadata, or 404.
pub fn core_cache(method: &str, key: &str, query: &str, body: Body) -> Result<()> {
    if method == "PUT" {
        let mut body = body;
        let value = body.read_all()?;
        let keys = format!("sk-{}", key);
        let meta = query_param(query, "meta");
        let options = CacheWrite {
            max_age_ns: 60_000_000_000,
            stale_while_revalidate_ns: None,
            surrogate_keys: Some(&keys),
            user_metadata: meta.as_deref().map(|m| m.as_bytes()),
        };
        CoreCache::insert(key.as_bytes(), &value, &options)?;
        return respond(204, TEXT, b"");
    }
    match CoreCache::lookup(key.as_bytes())? {
        None => respond(404, TEXT, b"miss"),
        Some(entry) => {
            let value = entry.body()?;
            let hits = entry.hits()?.to_string();
            let meta = String::from_utf8_lossy(&entry.user_metadata()?).into_owned();
            entry.close()?;
            respond_with(200, TEXT, &value, &[("x-cache-hits", &hits), ("x-metadata", &meta)])
        }
    }
}

/// `/core-tx/K?value=V`: a transactional lookup; the client that must insert stores V and
/// answers `{"inserted": true, "value": V}`, later ones `{"inserted": false, "value": <stored>}`.
pub fn core_transaction(key: &str, query: &str) -> Result<()> {
    let entry = CoreCache::transaction_lookup(key.as_bytes())?;
    let state = entry.state()?;
    if state & cache::state::MUST_INSERT_OR_UPDATE != 0 {
        let value = query_param(query, "value").unwrap_or_default();
        entry.insert(value.as_bytes(), &CacheWrite { max_age_ns: 60_000_000_000, ..CacheWrite::default() })?;
        let json = format!("{{\"inserted\":true,\"value\":{}}}", json_string(&value));
        return respond(200, JSON, json.as_bytes());
    }
    let value = String::from_utf8_lossy(&entry.body()?).into_owned();
    entry.close()?;
    let json = format!("{{\"inserted\":false,\"value\":{}}}", json_string(&value));
    respond(200, JSON, json.as_bytes())
}

/// `/http-cache/<path>`: an HTTP-cache transaction around GET `<path>` on backend "origin":
/// a hit answers the stored response (x-cache: HIT, x-cache-hits), a miss fetches the
/// suggested backend request, stores it for 60 s under surrogate key `hc`, and answers it
/// (x-cache: MISS).
pub fn http_cache(origin: &str, rest: &str) -> Result<()> {
    let mut req = Request::new()?;
    req.set_uri(&format!("{}/{}", origin, rest))?;
    if !HttpCacheTransaction::is_request_cacheable(&req)? {
        return respond(500, TEXT, b"GET not cacheable?");
    }
    let tx = HttpCacheTransaction::lookup(&req)?;
    let state = tx.state()?;
    if state & cache::state::USABLE != 0 {
        let hits = tx.hits()?.to_string();
        let (mut resp, body) = tx.found_response()?;
        resp.insert_header("x-cache", "HIT")?;
        resp.insert_header("x-cache-hits", hits)?;
        return resp.send(body);
    }
    if state & cache::state::MUST_INSERT_OR_UPDATE == 0 {
        return respond(500, TEXT, format!("unexpected state {}", state).as_bytes());
    }
    let backend_req = tx.suggested_backend_request()?;
    let (resp, mut body) = match backend_req.send(Body::new()?, "origin") {
        Ok(r) => r,
        Err(e) => {
            tx.abandon()?;
            return respond(502, TEXT, format!("fetch failed: {}", e).as_bytes());
        }
    };
    let status = resp.status()?;
    let bytes = body.read_all()?;
    tx.insert(resp, &bytes, 60_000_000_000, Some("hc"))?;
    respond_with(status, TEXT, &bytes, &[("x-cache", "MISS")])
}

/// `/readthrough/<path>?pass=1&ttl=N&swr=N&sk=K`: a plain `send` of GET (or the downstream
/// method) `<path>` to backend "origin" with the cache override from the query; the origin's
/// response streams back.
pub fn readthrough(origin: &str, rest: &str, method: &str, query: &str, body: Body) -> Result<()> {
    let mut req = Request::new()?;
    req.set_method(method)?;
    req.set_uri(&format!("{}/{}", origin, rest))?;
    let sk = query_param(query, "sk");
    let over = CacheOverride {
        pass: query_param(query, "pass").is_some(),
        ttl_sec: query_param(query, "ttl").and_then(|t| t.parse().ok()),
        stale_while_revalidate_sec: query_param(query, "swr").and_then(|t| t.parse().ok()),
        surrogate_keys: sk.as_deref(),
    };
    over.apply(&mut req)?;
    match req.send(body, "origin") {
        Ok((resp, resp_body)) => resp.send(resp_body),
        Err(e) => respond(502, TEXT, format!("fetch failed: {}", e).as_bytes()),
    }
}

/// `/purge/KEY`: purges surrogate key KEY; 204.
pub fn purge(key: &str) -> Result<()> {
    cache::purge_surrogate_key(key)?;
    respond(204, TEXT, b"")
}
