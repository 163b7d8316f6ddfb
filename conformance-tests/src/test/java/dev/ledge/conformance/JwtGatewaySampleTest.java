package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
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
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jwt_gateway sample in Rust, Go and JS, each with its own fastly.toml (origin URL pointed at
 * a real origin that reports what it received, the JWK set written next to it): RS256 and ES256
 * tokens signed here with nimbus-jose-jwt are checked by ledge_crypto.jwt_verify (Rust, Go) or the
 * JS SDK's crypto.subtle (JS); bad ones get 401 with the reason and never reach the origin, good
 * ones reach it with their claims in x-jwt-claims and without the bearer token, and the origin's
 * answer streams back. Every language gets the same assertions.
 */
class JwtGatewaySampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://id.example";
    @TempDir
    static Path dir;
    static HeaderEchoOrigin origin;
    private static final Map<String, TestServer> GATEWAYS = new ConcurrentHashMap<>();
    static RSAKey rsa;
    static ECKey ec;

    @BeforeAll
    static void start() throws Exception {
        origin = new HeaderEchoOrigin();
        rsa = new RSAKeyGenerator(2048).keyID("r").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("e").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
    }

    /** The gateway built from {@code lang}'s sources, started on first use. */
    private static TestServer gateway(String lang) {
        return GATEWAYS.computeIfAbsent(lang, l -> {
            try {
                String shipped = SampleSources.readFastlyToml(l, "jwt_gateway");
                assertTrue(shipped.contains("http://127.0.0.1:8080"), l + " fastly.toml names the origin http://127.0.0.1:8080");
                String local = shipped.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + origin.port());
                // The JWK set file is named relative to the fastly.toml: both live in dir.
                return new TestServer(Samples.module(SampleSources.module(l, "jwt_gateway")), 8,
                        FastlyToml.load(Files.writeString(dir.resolve(l + "-fastly.toml"), local)));
            } catch (Exception e) {
                throw new AssertionError("starting the " + l + " gateway failed: " + e, e);
            }
        });
    }

    @AfterAll
    static void stop() {
        GATEWAYS.values().forEach(TestServer::close);
        origin.close();
        Samples.release("jwt_gateway");
    }

    private static JWTClaimsSet.Builder goodClaims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("edge").subject("alice")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .claim("name", "José Núñez").claim("roles", List.of("reader", "editor"));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String rsaToken(Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        JWTClaimsSet.Builder b = goodClaims();
        change.accept(b);
        return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "r", b.build());
    }

    private static HttpResponse<String> get(TestServer gateway, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.uri(path));
        if (authorization != null) {
            b.header("authorization", authorization);
        }
        return gateway.send(b.build());
    }

    /** A refused request: 401 (or {@code status}), the reason in the body, and the origin untouched. */
    private static HttpResponse<String> assertRefused(String lang, int status, String reason, String authorization)
            throws Exception {
        int before = origin.requests();
        HttpResponse<String> r = get(gateway(lang), "/api/orders", authorization);
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(reason, JSON.readTree(r.body()).get("error").asText());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
        assertEquals(before, origin.requests(), "a refused request never reaches the origin");
        return r;
    }

    @EachLanguage
    void noTokenIsMissing(String lang) throws Exception {
        HttpResponse<String> r = assertRefused(lang, 401, "missing", null);
        assertEquals("Bearer realm=\"edge\"", r.headers().firstValue("www-authenticate").orElse(null));
        assertRefused(lang, 401, "missing", "Basic YWxpY2U6c2VjcmV0");
        assertRefused(lang, 401, "missing", "Bearer ");
    }

    @EachLanguage
    void aTokenThatIsNoJwtIsMalformed(String lang) throws Exception {
        HttpResponse<String> r = assertRefused(lang, 401, "malformed", "Bearer not-a.jwt");
        assertEquals("Bearer realm=\"edge\", error=\"invalid_token\", error_description=\"malformed\"",
                r.headers().firstValue("www-authenticate").orElse(null));
    }

    @EachLanguage
    void anExpiredTokenIsRefused(String lang) throws Exception {
        String token = rsaToken(b -> b.expirationTime(new Date(System.currentTimeMillis() - 3_600_000)));
        assertRefused(lang, 401, "expired", "Bearer " + token);
    }

    @EachLanguage
    void aTokenSignedByAnotherKeyHasABadSignature(String lang) throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("r").generate();
        String token = sign(new RSASSASigner(impostor), JWSAlgorithm.RS256, "r", goodClaims().build());
        assertRefused(lang, 401, "bad_signature", "Bearer " + token);
        // The same token with its signature bytes changed.
        String good = rsaToken(b -> { });
        char last = good.charAt(good.length() - 5);
        String tampered = good.substring(0, good.length() - 5) + (last == 'A' ? 'B' : 'A') + good.substring(good.length() - 4);
        assertRefused(lang, 401, "bad_signature", "Bearer " + tampered);
    }

    @EachLanguage
    void otherReasonsAreNamedToo(String lang) throws Exception {
        assertRefused(lang, 401, "wrong_audience", "Bearer " + rsaToken(b -> b.audience("somebody-else")));
        assertRefused(lang, 401, "wrong_issuer", "Bearer " + rsaToken(b -> b.issuer("https://evil.example")));
        String unknownKid = sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "nobody", goodClaims().build());
        assertRefused(lang, 401, "unknown_key", "Bearer " + unknownKid);
        assertRefused(lang, 401, "not_yet_valid",
                "Bearer " + rsaToken(b -> b.notBeforeTime(new Date(System.currentTimeMillis() + 3_600_000))));
        // Only RS256 and ES256 are allowed: an HMAC token and an unsecured one are refused as such.
        String hs256 = sign(new MACSigner(new byte[32]), JWSAlgorithm.HS256, "r", goodClaims().build());
        assertRefused(lang, 401, "algorithm_not_allowed", "Bearer " + hs256);
        String unsecured = new PlainJWT(goodClaims().build()).serialize();
        assertRefused(lang, 401, "algorithm_not_allowed", "Bearer " + unsecured);
        // An ES256 token whose kid names the RSA key: no key of the right type.
        String mismatched = sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "r", goodClaims().build());
        assertRefused(lang, 401, "unknown_key", "Bearer " + mismatched);
    }

    @EachLanguage
    void aJwkSetThatIsNotJsonIsAServerError(String lang) throws Exception {
        Path broken = Files.createDirectories(dir.resolve(lang + "-broken"));
        Files.writeString(broken.resolve("jwks.json"), "{\"keys\": [ not json");
        String local = SampleSources.readFastlyToml(lang, "jwt_gateway")
                .replace("http://127.0.0.1:8080", "http://127.0.0.1:" + origin.port());
        try (TestServer server = new TestServer(Samples.module(SampleSources.module(lang, "jwt_gateway")), 8,
                FastlyToml.load(Files.writeString(broken.resolve("fastly.toml"), local)))) {
            int before = origin.requests();
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/orders"))
                    .header("authorization", "Bearer " + rsaToken(b -> { })).build());
            assertEquals(500, r.statusCode(), r.body());
            assertEquals("jwks_invalid", JSON.readTree(r.body()).get("error").asText());
            assertEquals(before, origin.requests());
        }
    }

    @EachLanguage
    void aGoodTokenIsForwardedWithItsClaims(String lang) throws Exception {
        String token = rsaToken(b -> { });
        int before = origin.requests();
        TestServer gateway = gateway(lang);
        HttpResponse<String> r = gateway.send(HttpRequest.newBuilder(gateway.uri("/api/orders?page=2"))
                .header("authorization", "Bearer " + token)
                .header("x-jwt-claims", "{\"sub\":\"admin\"}")
                .header("x-trace", "t-1").build());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(before + 1, origin.requests());
        assertEquals("header-echo", r.headers().firstValue("x-origin").orElse(null));
        JsonNode seen = JSON.readTree(r.body());
        assertEquals("GET", seen.get("method").asText());
        assertEquals("/api/orders?page=2", seen.get("uri").asText());
        JsonNode headers = seen.get("headers");
        assertFalse(headers.has("authorization"), "the bearer token stays at the edge: " + headers);
        assertEquals("t-1", headers.get("x-trace").get(0).asText());
        JsonNode claimsHeader = headers.get("x-jwt-claims");
        assertEquals(1, claimsHeader.size(), "the client's own x-jwt-claims is replaced: " + claimsHeader);
        String raw = claimsHeader.get(0).asText();
        assertTrue(raw.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII only: " + raw);
        JsonNode claims = JSON.readTree(raw);
        assertEquals("alice", claims.get("sub").asText());
        assertEquals(ISSUER, claims.get("iss").asText());
        assertEquals("José Núñez", claims.get("name").asText());
        assertEquals("editor", claims.get("roles").get(1).asText());
    }

    @EachLanguage
    void anEs256TokenIsForwardedWithItsBodyAndTheAnswerStreamsBack(String lang) throws Exception {
        String token = sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "e", goodClaims().subject("bob").build());
        TestServer gateway = gateway(lang);
        byte[] payload = new byte[2 << 20];
        new Random(11).nextBytes(payload);
        HttpResponse<String> r = gateway.send(HttpRequest.newBuilder(gateway.uri("/upload"))
                .header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode seen = JSON.readTree(r.body());
        assertEquals("POST", seen.get("method").asText());
        assertEquals(payload.length, seen.get("body_length").asLong());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)),
                seen.get("body_sha256").asText());
        assertEquals("bob", JSON.readTree(seen.get("headers").get("x-jwt-claims").get(0).asText()).get("sub").asText());

        HttpResponse<byte[]> big = gateway.client().send(HttpRequest.newBuilder(gateway.uri("/big/48"))
                .header("authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, big.statusCode());
        assertEquals(48 * 64 * 1024, big.body().length);
    }
}
