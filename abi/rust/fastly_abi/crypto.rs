//! `ledge_crypto`: Ledge's own cryptography (digests, HMACs, signature checks, random bytes and
//! JWT verification). Not part of Fastly's ABI: a guest that uses it runs only on Ledge.

use super::{get_bytes, sys, Result, Status};

/// The hash of a digest or an HMAC (`digest_algorithm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DigestAlgorithm {
    Sha256 = 0,
    Sha384 = 1,
    Sha512 = 2,
}

/// A public-key signature scheme (`signature_algorithm`), named as in JWS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    Rs256 = 0,
    Rs384 = 1,
    Rs512 = 2,
    Ps256 = 3,
    Ps384 = 4,
    Ps512 = 5,
    Es256 = 6,
    Es384 = 7,
    Ed25519 = 8,
}

/// How a public key is written (`public_key_format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicKeyFormat {
    Jwk = 0,
    SpkiDer = 1,
}

/// Where `jwt_verify` finds the JWK set (`jwks_source_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JwksSource<'a> {
    /// The entry `entry` of the secret store `store`.
    SecretStore { store: &'a str, entry: &'a str },
    /// The entry `entry` of the config store `store`.
    ConfigStore { store: &'a str, entry: &'a str },
    /// The JWK set's JSON itself.
    Inline(&'a str),
}

/// Why `jwt_verify` refused a token (`jwt_error`; the raw number is kept as is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JwtError(pub u32);

impl JwtError {
    pub const MALFORMED: JwtError = JwtError(2);
    pub const UNKNOWN_KEY: JwtError = JwtError(3);
    pub const BAD_SIGNATURE: JwtError = JwtError(4);
    pub const ALGORITHM_NOT_ALLOWED: JwtError = JwtError(5);
    pub const EXPIRED: JwtError = JwtError(6);
    pub const NOT_YET_VALID: JwtError = JwtError(7);
    pub const WRONG_ISSUER: JwtError = JwtError(8);
    pub const WRONG_AUDIENCE: JwtError = JwtError(9);
    pub const STORE_MISSING: JwtError = JwtError(10);
    pub const JWKS_INVALID: JwtError = JwtError(11);

    /// The ABI's name for this reason.
    pub fn name(self) -> &'static str {
        match self.0 {
            2 => "malformed",
            3 => "unknown_key",
            4 => "bad_signature",
            5 => "algorithm_not_allowed",
            6 => "expired",
            7 => "not_yet_valid",
            8 => "wrong_issuer",
            9 => "wrong_audience",
            10 => "store_missing",
            11 => "jwks_invalid",
            _ => "unknown",
        }
    }
}

/// The `jwt_algorithms` bits.
pub mod jwt_algorithms {
    pub const HS256: u32 = 1;
    pub const HS384: u32 = 2;
    pub const HS512: u32 = 4;
    pub const RS256: u32 = 8;
    pub const RS384: u32 = 16;
    pub const RS512: u32 = 32;
    pub const PS256: u32 = 64;
    pub const PS384: u32 = 128;
    pub const PS512: u32 = 256;
    pub const ES256: u32 = 512;
    pub const ES384: u32 = 1024;
    pub const EDDSA: u32 = 2048;
    /// Every algorithm Ledge knows.
    pub const ALL: u32 = 4095;
}

/// What `jwt_verify` requires besides a good signature; empty issuer or audience: not checked.
#[derive(Clone, Copy, Debug)]
pub struct JwtOptions<'a> {
    pub algorithms: u32,
    pub clock_skew_sec: u32,
    pub issuer: &'a str,
    pub audience: &'a str,
}

/// How `jwt_verify` ended: accepted with the claims' JSON, refused with a reason, or a failed call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JwtOutcome {
    Accepted(Vec<u8>),
    Refused(JwtError),
}

/// The digest of `data`.
pub fn digest(alg: DigestAlgorithm, data: &[u8]) -> Result<Vec<u8>> {
    get_bytes(|p, l, n| unsafe {
        sys::ledge_crypto::digest(alg as u32, data.as_ptr(), data.len(), p, l, n)
    })
}

/// The HMAC of `data` under `key`.
pub fn hmac_sign(alg: DigestAlgorithm, key: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    get_bytes(|p, l, n| unsafe {
        sys::ledge_crypto::hmac_sign(
            alg as u32,
            key.as_ptr(),
            key.len(),
            data.as_ptr(),
            data.len(),
            p,
            l,
            n,
        )
    })
}

/// Whether `mac` is the HMAC of `data` under `key` (compared in constant time by the host).
pub fn hmac_verify(alg: DigestAlgorithm, key: &[u8], data: &[u8], mac: &[u8]) -> Result<bool> {
    let mut valid: u32 = 0;
    Status::check(unsafe {
        sys::ledge_crypto::hmac_verify(
            alg as u32,
            key.as_ptr(),
            key.len(),
            data.as_ptr(),
            data.len(),
            mac.as_ptr(),
            mac.len(),
            &mut valid,
        )
    })?;
    Ok(valid == 1)
}

/// Fills `buf` with strong random bytes (at most 65536 per call).
pub fn random_bytes(buf: &mut [u8]) -> Result<()> {
    Status::check(unsafe { sys::ledge_crypto::random_bytes(buf.as_mut_ptr(), buf.len()) })
}

/// A public key parsed by the host.
#[derive(Debug, PartialEq, Eq)]
pub struct PublicKey {
    handle: sys::Handle,
}

impl PublicKey {
    /// Parses a key given as one JWK (JSON) or as DER SubjectPublicKeyInfo.
    pub fn import(format: PublicKeyFormat, key: &[u8]) -> Result<PublicKey> {
        let mut h = sys::INVALID_HANDLE;
        Status::check(unsafe {
            sys::ledge_crypto::public_key_import(format as u32, key.as_ptr(), key.len(), &mut h)
        })?;
        Ok(PublicKey { handle: h })
    }

    /// Whether `signature` is a good signature of `data` by this key.
    pub fn verify(&self, alg: SignatureAlgorithm, data: &[u8], signature: &[u8]) -> Result<bool> {
        let mut valid: u32 = 0;
        Status::check(unsafe {
            sys::ledge_crypto::signature_verify(
                self.handle,
                alg as u32,
                data.as_ptr(),
                data.len(),
                signature.as_ptr(),
                signature.len(),
                &mut valid,
            )
        })?;
        Ok(valid == 1)
    }

    /// Forgets the key on the host.
    pub fn close(self) -> Result<()> {
        Status::check(unsafe { sys::ledge_crypto::public_key_close(self.handle) })
    }
}

/// Checks a JWS compact JWT against a JWK set; `Ok(Refused(..))` says why a token was refused.
pub fn jwt_verify(token: &str, source: JwksSource, options: &JwtOptions) -> Result<JwtOutcome> {
    let (kind, store, entry) = match source {
        JwksSource::SecretStore { store, entry } => (0u32, store, entry),
        JwksSource::ConfigStore { store, entry } => (1u32, store, entry),
        JwksSource::Inline(json) => (2u32, "", json),
    };
    let raw = sys::ledge_crypto::JwtVerifyOptions {
        algorithms: options.algorithms,
        clock_skew_sec: options.clock_skew_sec,
        issuer: options.issuer.as_ptr(),
        issuer_len: options.issuer.len(),
        audience: options.audience.as_ptr(),
        audience_len: options.audience.len(),
    };
    let mut error: u32 = 0;
    let claims = get_bytes(|p, l, n| unsafe {
        sys::ledge_crypto::jwt_verify(
            token.as_ptr(),
            token.len(),
            kind,
            store.as_ptr(),
            store.len(),
            entry.as_ptr(),
            entry.len(),
            &raw,
            p,
            l,
            n,
            &mut error,
        )
    });
    match claims {
        Ok(bytes) => Ok(JwtOutcome::Accepted(bytes)),
        Err(Status::ERROR) if error > 1 => Ok(JwtOutcome::Refused(JwtError(error))),
        Err(e) => Err(e),
    }
}
