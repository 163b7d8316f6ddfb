package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestServer;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two Go JWT checkers behind the host-crypto benchmark agree: go-jwt_host (Ledge's
 * ledge_crypto.jwt_verify) and go-jwt_guest (Go's own crypto in Wasm) accept a valid RS256 token
 * and refuse a tampered or expired one with the same reason.
 */
class GoJwtTest {
    @TempDir
    static Path dir;
    static KeyPair keys;
    static TestServer host;
    static TestServer guest;

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String token(long exp) throws Exception {
        String signing = b64("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(("{\"sub\":\"user-7\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update(signing.getBytes(StandardCharsets.US_ASCII));
        return signing + "." + b64(s.sign());
    }

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\"" + b64(unsigned(pub.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
        Path toml = Files.writeString(dir.resolve("fastly.toml"), "[local_server.config_stores.jwt]\nformat = \"inline-toml\"\n"
                + "[local_server.config_stores.jwt.contents]\njwks = '" + jwks + "'\ntoken = \"unused\"\n");
        host = new TestServer(Samples.module("go-jwt_host"), 8, FastlyToml.load(toml));
        guest = new TestServer(Samples.module("go-jwt_guest"), 8, FastlyToml.load(toml));
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    @AfterAll
    static void stop() {
        host.close();
        guest.close();
    }

    private static HttpResponse<String> check(String which, String token) {
        TestServer s = which.equals("host") ? host : guest;
        return s.send(HttpRequest.newBuilder(s.uri("/")).header("Authorization", "Bearer " + token).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "guest"})
    void bothAcceptAValidTokenAndAnswerItsClaims(String which) throws Exception {
        HttpResponse<String> r = check(which, token(System.currentTimeMillis() / 1000 + 3600));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"sub\":\"user-7\""), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "guest"})
    void bothRefuseATamperedToken(String which) throws Exception {
        String t = token(System.currentTimeMillis() / 1000 + 3600);
        String tampered = t.substring(0, t.length() - 4) + (t.endsWith("AAAA") ? "BBBB" : "AAAA");
        HttpResponse<String> r = check(which, tampered);
        assertEquals(401, r.statusCode());
        assertEquals("jwt refused: bad_signature\n", r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "guest"})
    void bothRefuseAnExpiredToken(String which) throws Exception {
        HttpResponse<String> r = check(which, token(System.currentTimeMillis() / 1000 - 3600));
        assertEquals(401, r.statusCode());
        assertEquals("jwt refused: expired\n", r.body());
    }
}
