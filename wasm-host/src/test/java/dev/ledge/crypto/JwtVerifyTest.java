package dev.ledge.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jwt_verify through a real guest (src/test/wat/jwt_check.wat): real RSA, EC, Ed25519 and HMAC
 * keys, tokens built with nimbus (Ed25519 with the JDK), the JWK set in a secret store, a config
 * store or inline, every jwt_error, and the host's clock fixed by the test.
 */
class JwtVerifyTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final int ALL = JwtAlgorithm.ALL_BITS;
    static RSAKey rsa;
    static RSAKey otherRsa;
    static ECKey ec256;
    static ECKey ec384;
    static OctetSequenceKey hmac;
    static KeyPair ed;
    static OctetKeyPair edJwk;
    static String jwks;
    static TestServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        ec256 = new ECKeyGenerator(Curve.P_256).keyID("ec256").generate();
        ec384 = new ECKeyGenerator(Curve.P_384).keyID("ec384").generate();
        hmac = new OctetSequenceKeyGenerator(512).keyID("hs").generate();
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = ed.getPublic().getEncoded();
        edJwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                .keyID("ed").build();
        List<JWK> keys = List.of(rsa.toPublicJWK(), ec256.toPublicJWK(), ec384.toPublicJWK(), edJwk, hmac);
        jwks = new JWKSet(keys).toString(false);
        Files.writeString(dir.resolve("jwks.json"), jwks);
        Files.writeString(dir.resolve("config.json"), "{\"set\": " + jsonString(jwks) + "}");
        Path toml = Files.writeString(dir.resolve("fastly.toml"), """
                [local_server.secret_stores]
                keys = [ { key = "set", file = "jwks.json" }, { key = "broken", data = "not json" } ]

                [local_server.config_stores.cfg]
                format = "json"
                file = "config.json"
                """);
        PrelinkedModule m = PrelinkedModule.load("jwt_check", Wat.compile("jwt_check"));
        server = new TestServer(m, 8, FastlyToml.load(toml));
        server.resources().get(CryptoService.class).useClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("alice").claim("role", "admin")
                .expirationTime(Date.from(NOW.plusSeconds(300)));
    }

    static String sign(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet c) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), c);
        jwt.sign(signer);
        return jwt.serialize();
    }

    static String rs(JWSAlgorithm alg, JWTClaimsSet c) throws Exception {
        return sign(alg, "rsa", new RSASSASigner(rsa), c);
    }

    static String edToken(String kid, JWTClaimsSet c) throws Exception {
        String header = Base64URL.encode("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}").toString();
        String input = header + "." + Base64URL.encode(c.toString()).toString();
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(ed.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64URL.encode(s.sign());
    }

    /** Asks the guest to verify {@code token}; answers "status S error E[ claims]". */
    static String verify(String token, int source, String store, String entry, int algs, int skew, String iss, String aud) {
        byte[][] strings = {utf8(iss), utf8(aud), utf8(store), utf8(entry), utf8(token)};
        ByteBuffer b = ByteBuffer.allocate(36 + Arrays.stream(strings).mapToInt(x -> x.length).sum()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(source).putInt(algs).putInt(skew);
        for (byte[] s : strings) {
            b.putInt(s.length);
        }
        for (byte[] s : strings) {
            b.put(s);
        }
        return server.send(HttpRequest.newBuilder(server.uri("/")).POST(HttpRequest.BodyPublishers.ofByteArray(b.array())).build()).body();
    }

    static String verify(String token) {
        return verify(token, 0, "keys", "set", ALL, 0, "", "");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String accepted(String token) throws Exception {
        return "status 0 error 1 " + SignedJWT.parse(token).getPayload();
    }

    static String refused(JwtError e) {
        return "status 1 error " + e.code();
    }

    @Test
    void everyAlgorithmIsAcceptedWithItsKey() throws Exception {
        JWTClaimsSet c = claims().build();
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512)) {
            String t = rs(alg, c);
            assertEquals(accepted(t), verify(t), alg.getName());
        }
        String es256 = sign(JWSAlgorithm.ES256, "ec256", new ECDSASigner(ec256), c);
        assertEquals(accepted(es256), verify(es256));
        String es384 = sign(JWSAlgorithm.ES384, "ec384", new ECDSASigner(ec384), c);
        assertEquals(accepted(es384), verify(es384));
        String eddsa = edToken("ed", c);
        assertEquals(accepted(eddsa), verify(eddsa));
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            String t = sign(alg, "hs", new MACSigner(hmac), c);
            assertEquals(accepted(t), verify(t), alg.getName());
        }
    }

    @Test
    void theClaimsAreThePayloadAsSent() throws Exception {
        String t = rs(JWSAlgorithm.RS256, claims().build());
        String payload = SignedJWT.parse(t).getPayload().toString();
        assertEquals("status 0 error 1 " + payload, verify(t));
        assertEquals(true, payload.contains("\"sub\":\"alice\""), payload);
    }

    @Test
    void theSetComesFromEverySource() throws Exception {
        String t = rs(JWSAlgorithm.RS256, claims().build());
        assertEquals(accepted(t), verify(t, 1, "cfg", "set", ALL, 0, "", ""));
        assertEquals(accepted(t), verify(t, 2, "", new JWKSet(rsa.toPublicJWK()).toString(), ALL, 0, "", ""));
        // one JWK instead of a set
        assertEquals(accepted(t), verify(t, 2, "ignored", rsa.toPublicJWK().toJSONString(), ALL, 0, "", ""));
    }

    @Test
    void aTokenWithoutKidTriesEveryFittingKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims().build());
        jwt.sign(new ECDSASigner(ec256));
        assertEquals(accepted(jwt.serialize()), verify(jwt.serialize()));
    }

    @Test
    void malformedTokens() throws Exception {
        assertEquals(refused(JwtError.MALFORMED), verify("not-a-jwt"));
        assertEquals(refused(JwtError.MALFORMED), verify("a.b.c"));
        String t = rs(JWSAlgorithm.RS256, claims().build());
        String[] parts = t.split("\\.");
        // a payload that is not a JSON object
        assertEquals(refused(JwtError.MALFORMED), verify(parts[0] + "." + Base64URL.encode("[1]") + "." + parts[2]));
        // exp that is not a number
        assertEquals(refused(JwtError.MALFORMED), verify(parts[0] + "." + Base64URL.encode("{\"exp\":\"soon\"}") + "." + parts[2]));
    }

    @Test
    void algorithmsOutsideTheAllowListAreRefused() throws Exception {
        String t = rs(JWSAlgorithm.RS256, claims().build());
        assertEquals(refused(JwtError.ALGORITHM_NOT_ALLOWED), verify(t, 0, "keys", "set", JwtAlgorithm.ES256.bit(), 0, "", ""));
        assertEquals(accepted(t), verify(t, 0, "keys", "set", JwtAlgorithm.RS256.bit(), 0, "", ""));
        String none = Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode("{\"sub\":\"x\"}") + ".";
        assertEquals(refused(JwtError.ALGORITHM_NOT_ALLOWED), verify(none));
        // an algorithm Ledge does not know
        String es256k = Base64URL.encode("{\"alg\":\"ES256K\",\"kid\":\"ec256\"}") + "." + t.split("\\.")[1] + "." + t.split("\\.")[2];
        assertEquals(refused(JwtError.ALGORITHM_NOT_ALLOWED), verify(es256k));
    }

    @Test
    void unknownKeysAndBadSignatures() throws Exception {
        JWTClaimsSet c = claims().build();
        assertEquals(refused(JwtError.UNKNOWN_KEY), verify(sign(JWSAlgorithm.RS256, "nobody", new RSASSASigner(rsa), c)));
        // the kid exists but its key does not fit the algorithm
        assertEquals(refused(JwtError.UNKNOWN_KEY), verify(sign(JWSAlgorithm.RS256, "ec256", new RSASSASigner(rsa), c)));
        assertEquals(refused(JwtError.UNKNOWN_KEY), verify(sign(JWSAlgorithm.ES384, "ec256", new ECDSASigner(ec384), c)));
        // keys too weak for JWS (RFC 7518): RSA under 2048 bits, an HMAC key shorter than the hash
        RSAKey small = new RSAKeyGenerator(1024, true).keyID("small").generate();
        assertEquals(refused(JwtError.UNKNOWN_KEY), verify(sign(JWSAlgorithm.RS256, "small", new RSASSASigner(small.toPrivateKey(), true), c),
                2, "", new JWKSet(small.toPublicJWK()).toString(), ALL, 0, "", ""));
        OctetSequenceKey shortKey = new OctetSequenceKey.Builder(new byte[32]).keyID("short").build();
        assertEquals(refused(JwtError.UNKNOWN_KEY), verify(sign(JWSAlgorithm.HS384, "short", new MACSigner(new byte[48]), c),
                2, "", new JWKSet(shortKey).toString(false), ALL, 0, "", ""));
        // a key whose "alg" or "use" says it is for something else
        RSAKey encryption = new RSAKey.Builder(rsa.toRSAPublicKey()).keyID("enc").keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build();
        assertEquals(refused(JwtError.UNKNOWN_KEY), verify(sign(JWSAlgorithm.RS256, "enc", new RSASSASigner(rsa), c),
                2, "", new JWKSet(encryption).toString(), ALL, 0, "", ""));
        RSAKey ps = new RSAKey.Builder(rsa.toRSAPublicKey()).keyID("ps").algorithm(JWSAlgorithm.PS256).build();
        assertEquals(refused(JwtError.UNKNOWN_KEY), verify(sign(JWSAlgorithm.RS256, "ps", new RSASSASigner(rsa), c),
                2, "", new JWKSet(ps).toString(), ALL, 0, "", ""));
        assertEquals(refused(JwtError.BAD_SIGNATURE), verify(sign(JWSAlgorithm.RS256, "rsa", new RSASSASigner(otherRsa), c)));
        assertEquals(refused(JwtError.BAD_SIGNATURE), verify(sign(JWSAlgorithm.HS256, "hs",
                new MACSigner(new OctetSequenceKeyGenerator(256).generate()), c)));
        String ed = edToken("ed", c);
        assertEquals(refused(JwtError.BAD_SIGNATURE), verify(ed.substring(0, ed.lastIndexOf('.') + 1) + Base64URL.encode(new byte[64])));
        // claims changed after signing
        String[] p = rs(JWSAlgorithm.RS256, c).split("\\.");
        String forged = p[0] + "." + Base64URL.encode(claims().subject("mallory").build().toString()) + "." + p[2];
        assertEquals(refused(JwtError.BAD_SIGNATURE), verify(forged));
    }

    @Test
    void timesAreCheckedAgainstTheHostClockWithSkew() throws Exception {
        String expired = rs(JWSAlgorithm.RS256, claims().expirationTime(Date.from(NOW.minusSeconds(100))).build());
        assertEquals(refused(JwtError.EXPIRED), verify(expired));
        assertEquals(accepted(expired), verify(expired, 0, "keys", "set", ALL, 200, "", ""));
        String atExp = rs(JWSAlgorithm.RS256, claims().expirationTime(Date.from(NOW)).build());
        assertEquals(refused(JwtError.EXPIRED), verify(atExp));
        String early = rs(JWSAlgorithm.RS256, claims().notBeforeTime(Date.from(NOW.plusSeconds(100))).build());
        assertEquals(refused(JwtError.NOT_YET_VALID), verify(early));
        assertEquals(accepted(early), verify(early, 0, "keys", "set", ALL, 200, "", ""));
        String timeless = rs(JWSAlgorithm.RS256, new JWTClaimsSet.Builder().subject("x").build());
        assertEquals(accepted(timeless), verify(timeless));
    }

    @Test
    void issuerAndAudience() throws Exception {
        String t = rs(JWSAlgorithm.RS256, claims().issuer("https://id.example").audience(List.of("api", "web")).build());
        assertEquals(accepted(t), verify(t, 0, "keys", "set", ALL, 0, "https://id.example", "web"));
        assertEquals(refused(JwtError.WRONG_ISSUER), verify(t, 0, "keys", "set", ALL, 0, "https://other.example", ""));
        assertEquals(refused(JwtError.WRONG_AUDIENCE), verify(t, 0, "keys", "set", ALL, 0, "", "admin"));
        String noClaims = rs(JWSAlgorithm.RS256, claims().build());
        assertEquals(refused(JwtError.WRONG_ISSUER), verify(noClaims, 0, "keys", "set", ALL, 0, "https://id.example", ""));
        assertEquals(refused(JwtError.WRONG_AUDIENCE), verify(noClaims, 0, "keys", "set", ALL, 0, "", "api"));
    }

    @Test
    void missingStoresAndBrokenSets() throws Exception {
        String t = rs(JWSAlgorithm.RS256, claims().build());
        assertEquals(refused(JwtError.STORE_MISSING), verify(t, 0, "nope", "set", ALL, 0, "", ""));
        assertEquals(refused(JwtError.STORE_MISSING), verify(t, 0, "keys", "nope", ALL, 0, "", ""));
        assertEquals(refused(JwtError.STORE_MISSING), verify(t, 1, "cfg", "nope", ALL, 0, "", ""));
        assertEquals(refused(JwtError.STORE_MISSING), verify(t, 1, "keys", "set", ALL, 0, "", ""));
        assertEquals(refused(JwtError.JWKS_INVALID), verify(t, 0, "keys", "broken", ALL, 0, "", ""));
        assertEquals(refused(JwtError.JWKS_INVALID), verify(t, 2, "", "{\"keys\": 5}", ALL, 0, "", ""));
    }

    /** Asks the guest to import a key and check a signature; answers "import I verify V valid X". */
    static String signature(int format, byte[] key, int alg, byte[] data, byte[] sig) {
        ByteBuffer b = ByteBuffer.allocate(24 + key.length + data.length + sig.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(format).putInt(alg).putInt(key.length).putInt(data.length).putInt(sig.length);
        b.put(key).put(data).put(sig);
        return server.send(HttpRequest.newBuilder(server.uri("/")).POST(HttpRequest.BodyPublishers.ofByteArray(b.array())).build()).body();
    }

    static byte[] jdkSign(String alg, java.security.spec.AlgorithmParameterSpec params, PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance(alg);
        if (params != null) {
            s.setParameter(params);
        }
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    @Test
    void signatureVerifyWithRealKeys() throws Exception {
        byte[] data = utf8("the message");
        byte[] other = utf8("another message");
        byte[] rsaDer = rsa.toPublicKey().getEncoded();
        byte[] rs256 = jdkSign("SHA256withRSA", null, rsa.toPrivateKey(), data);
        assertEquals("import 0 verify 0 valid 1", signature(1, rsaDer, 0, data, rs256));
        assertEquals("import 0 verify 0 valid 0", signature(1, rsaDer, 0, other, rs256));
        assertEquals("import 0 verify 0 valid 1", signature(0, utf8(rsa.toPublicJWK().toJSONString()), 0, data, rs256));
        byte[] ps384 = jdkSign("RSASSA-PSS", new java.security.spec.PSSParameterSpec("SHA-384", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA384, 48, 1), rsa.toPrivateKey(), data);
        assertEquals("import 0 verify 0 valid 1", signature(1, rsaDer, 4, data, ps384));
        assertEquals("import 0 verify 0 valid 0", signature(1, rsaDer, 3, data, ps384));
        byte[] es256 = jdkSign("SHA256withECDSAinP1363Format", null, ec256.toPrivateKey(), data);
        assertEquals("import 0 verify 0 valid 1", signature(1, ec256.toPublicKey().getEncoded(), 6, data, es256));
        assertEquals("import 0 verify 0 valid 1", signature(0, utf8(ec256.toPublicJWK().toJSONString()), 6, data, es256));
        // the DER form of an ECDSA signature is not the JWS form
        byte[] der = jdkSign("SHA256withECDSA", null, ec256.toPrivateKey(), data);
        assertEquals("import 0 verify 0 valid 0", signature(1, ec256.toPublicKey().getEncoded(), 6, data, der));
        byte[] es384 = jdkSign("SHA384withECDSAinP1363Format", null, ec384.toPrivateKey(), data);
        assertEquals("import 0 verify 0 valid 1", signature(1, ec384.toPublicKey().getEncoded(), 7, data, es384));
        byte[] edSig = jdkSign("Ed25519", null, ed.getPrivate(), data);
        assertEquals("import 0 verify 0 valid 1", signature(1, ed.getPublic().getEncoded(), 8, data, edSig));
        assertEquals("import 0 verify 0 valid 1", signature(0, utf8(edJwk.toJSONString()), 8, data, edSig));
        // algorithms that do not fit the key: inval
        assertEquals("import 0 verify 2 valid 77", signature(1, rsaDer, 6, data, es256));
        assertEquals("import 0 verify 2 valid 77", signature(1, ec384.toPublicKey().getEncoded(), 6, data, es256));
        assertEquals("import 0 verify 2 valid 77", signature(1, ec256.toPublicKey().getEncoded(), 8, data, edSig));
        // an HMAC key is no public key; a private JWK is read for its public part
        assertEquals("import 2 verify 3 valid 77", signature(0, utf8(hmac.toJSONString()), 0, data, rs256));
        assertEquals("import 0 verify 0 valid 1", signature(0, utf8(rsa.toJSONString()), 0, data, rs256));
    }
}
