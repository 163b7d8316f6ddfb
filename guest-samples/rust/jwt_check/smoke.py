#!/usr/bin/env python3
"""Smoke test of the jwt_check sample on a real `ledge serve`: fresh RSA, EC P-256 and Ed25519 keys,
the JWK set in a secret store, tokens signed here with `cryptography`, one request per case, then
the median latency of 200 accepted requests.

usage: smoke.py LEDGE_JAR SAMPLE_WASM
"""
import base64, json, os, statistics, subprocess, sys, tempfile, time, urllib.request, urllib.error
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def uint(n, size=None):
    return b64u(n.to_bytes(size or (n.bit_length() + 7) // 8, "big"))


rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ec_key = ec.generate_private_key(ec.SECP256R1())
ed_key = ed25519.Ed25519PrivateKey.generate()
rn = rsa_key.public_key().public_numbers()
en = ec_key.public_key().public_numbers()
jwks = {"keys": [
    {"kty": "RSA", "kid": "r", "n": uint(rn.n), "e": uint(rn.e)},
    {"kty": "EC", "kid": "e", "crv": "P-256", "x": uint(en.x, 32), "y": uint(en.y, 32)},
    {"kty": "OKP", "kid": "d", "crv": "Ed25519",
     "x": b64u(ed_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))},
]}


def token(alg, kid, claims):
    head = b64u(json.dumps({"alg": alg, "kid": kid}).encode()) + "." + b64u(json.dumps(claims).encode())
    data = head.encode()
    if alg == "RS256":
        sig = rsa_key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    elif alg == "ES256":
        r, s = decode_dss_signature(ec_key.sign(data, ec.ECDSA(hashes.SHA256())))
        sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        sig = ed_key.sign(data)
    return head + "." + b64u(sig)


def get(port, tok=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/")
    if tok:
        req.add_header("authorization", "Bearer " + tok)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def main(jar, wasm):
    now = int(time.time())
    good = {"sub": "alice", "iss": "https://id.example", "aud": "edge", "exp": now + 300}
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "jwks.json"), "w") as f:
            json.dump(jwks, f)
        with open(os.path.join(d, "fastly.toml"), "w") as f:
            f.write('[local_server.secret_stores]\njwks = [ { key = "keys", file = "jwks.json" } ]\n')
        port = 7699
        server = subprocess.Popen(["java", "-jar", jar, "serve", "--addr", f"127.0.0.1:{port}",
                                   "-C", os.path.join(d, "fastly.toml"), wasm],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(120):
                try:
                    get(port)
                    break
                except OSError:
                    time.sleep(0.5)
            cases = [
                ("RS256 accepted", token("RS256", "r", good), 200, '"sub": "alice"'),
                ("ES256 accepted", token("ES256", "e", good), 200, '"sub": "alice"'),
                ("EdDSA accepted", token("EdDSA", "d", good), 200, '"sub": "alice"'),
                ("expired", token("RS256", "r", dict(good, exp=now - 100)), 401, "expired"),
                ("within skew", token("RS256", "r", dict(good, exp=now - 10)), 200, '"sub"'),
                ("wrong issuer", token("ES256", "e", dict(good, iss="x")), 401, "wrong_issuer"),
                ("wrong audience", token("ES256", "e", dict(good, aud=["a", "b"])), 401, "wrong_audience"),
                ("unknown kid", token("RS256", "zz", good), 401, "unknown_key"),
                ("HS256 not allowed", b64u(b'{"alg":"HS256"}') + "." + b64u(b"{}") + ".AAAA", 401, "algorithm_not_allowed"),
                ("tampered", token("RS256", "r", good)[:-4] + "AAAA", 401, "bad_signature"),
                ("garbage", "x.y", 401, "malformed"),
                ("no token", None, 401, "missing"),
            ]
            failed = 0
            for name, tok, want_status, want_text in cases:
                status, body = get(port, tok)
                ok = status == want_status and want_text in body
                failed += not ok
                print(f"{'ok  ' if ok else 'FAIL'} {name}: {status} {body[:80]}")
            for label, path, tok in [("no token (baseline)", "/", None),
                                     ("accepted RS256", "/", token("RS256", "r", good)),
                                     ("accepted ES256", "/", token("ES256", "e", good)),
                                     ("accepted EdDSA", "/", token("EdDSA", "d", good))]:
                times = []
                for _ in range(200):
                    t = time.perf_counter()
                    get(port, tok)
                    times.append((time.perf_counter() - t) * 1000)
                print(f"{label}: median {statistics.median(times):.2f} ms, "
                      f"p90 {sorted(times)[179]:.2f} ms over 200 sequential requests")
            return 1 if failed else 0
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
