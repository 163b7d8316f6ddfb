//! Ledge's Rust "jwt-check" sample: guards an edge with `ledge_crypto.jwt_verify`.
//!
//! The token comes from `authorization: Bearer TOKEN`; the JWK set from the secret store `jwks`,
//! entry `keys` (see fastly.toml next to this sample). RS256, ES256 and EdDSA tokens are accepted
//! with 30 seconds of clock skew, issuer `https://id.example` and audience `edge`.
//!
//! * accepted — 200 with the token's claims (application/json).
//! * refused — 401 with `jwt refused: REASON` (the jwt_error name).
//! * no token — 401 `jwt refused: missing`.
//! * `/digest` — 200 with the SHA-256 of the request body in hex (the other calls' smoke test).

#[path = "../../../../abi/rust/fastly_abi/mod.rs"]
mod fastly_abi;

use fastly_abi::crypto::{self, jwt_algorithms, DigestAlgorithm, JwksSource, JwtOptions, JwtOutcome};
use fastly_abi::{Body, Request, Response, Result};

fn main() -> Result<()> {
    fastly_abi::init()?;
    let (req, mut body) = Request::downstream()?;
    if req.uri()?.ends_with("/digest") {
        let data = body.read_all()?;
        let digest = crypto::digest(DigestAlgorithm::Sha256, &data)?;
        let hex: String = digest.iter().map(|b| format!("{:02x}", b)).collect();
        return answer(200, "text/plain", hex.as_bytes());
    }
    let header = req.header_value("authorization")?.unwrap_or_default();
    let header = String::from_utf8_lossy(&header);
    let token = match header.strip_prefix("Bearer ") {
        Some(t) => t.trim(),
        None => return answer(401, "text/plain", b"jwt refused: missing"),
    };
    let options = JwtOptions {
        algorithms: jwt_algorithms::RS256 | jwt_algorithms::ES256 | jwt_algorithms::EDDSA,
        clock_skew_sec: 30,
        issuer: "https://id.example",
        audience: "edge",
    };
    let source = JwksSource::SecretStore { store: "jwks", entry: "keys" };
    match crypto::jwt_verify(token, source, &options)? {
        JwtOutcome::Accepted(claims) => answer(200, "application/json", &claims),
        JwtOutcome::Refused(e) => answer(401, "text/plain", format!("jwt refused: {}", e.name()).as_bytes()),
    }
}

fn answer(status: u16, content_type: &str, bytes: &[u8]) -> Result<()> {
    let mut resp = Response::new()?;
    resp.set_status(status)?;
    resp.insert_header("content-type", content_type)?;
    let mut body = Body::new()?;
    body.write_all(bytes)?;
    resp.send(body)
}
