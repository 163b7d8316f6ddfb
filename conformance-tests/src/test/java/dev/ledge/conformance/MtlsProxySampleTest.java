package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestPki;
import dev.ledge.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mtls_proxy sample in JS (built with @fastly/js-compute, {@code new Backend({... clientCertificate:
 * { certificate, key: <SecretStore entry> }})}), Rust ({@code DynamicBackend::client_certificate} of
 * Ledge's bindings) and Go ({@code DynamicBackendOptions.ClientCertificate}/{@code ClientKey}) against a real HTTPS origin that requires a client
 * certificate from a test CA and echoes the subject it verified. Each case runs the sample with its
 * own fastly.toml (the shipped one, pointed at the origin, with the case's PEM files): the right
 * certificate is let in, no certificate or a foreign one is refused in the handshake (502), and a
 * malformed certificate or a key of another certificate is refused by the host (500). Every
 * language gets the same assertions.
 */
class MtlsProxySampleTest {
    private static final String SHIPPED_HOST = "host = \"localhost:8443\"";
    @TempDir
    static Path dir;
    static Vertx vertx;
    static int port;
    static TestPki pki;
    static TestPki.Issued rsa;
    static TestPki.Issued ec;
    static TestPki.Issued rogue;
    static final Map<String, TestServer> SERVERS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pki = TestPki.create("Partner CA");
        TestPki.Issued serverCert = pki.server("localhost");
        rsa = pki.client("edge-service", "RSA");
        ec = pki.client("edge-service-ec", "EC");
        rogue = TestPki.create("Someone Else's CA").client("intruder", "RSA");
        port = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(serverCert.certPem()))
                                .setKeyValue(Buffer.buffer(serverCert.pkcs8Pem())))
                        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pki.ca().certPem())))
                        .setClientAuth(ClientAuth.REQUIRED))
                .requestHandler(MtlsProxySampleTest::echo)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
    }

    /** The partner API: answers with the path it was asked for and the client certificate's subject. */
    private static void echo(HttpServerRequest r) {
        try {
            String subject = ((X509Certificate) r.connection().peerCertificates().get(0)).getSubjectX500Principal().getName();
            r.response().putHeader("x-client-subject", subject).end("partner saw " + r.method() + " " + r.uri());
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            r.response().setStatusCode(495).end("no client certificate");
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        if (vertx != null) {
            vertx.close();
        }
        Samples.release("mtls_proxy");
    }

    /** The sample served with the shipped fastly.toml in its own directory, holding these PEM files (null: left out). */
    private static TestServer server(String lang, String name, String cert, String key) {
        return SERVERS.computeIfAbsent(lang + "-" + name, n -> {
            try {
                String shipped = SampleSources.readFastlyToml(lang, "mtls_proxy");
                assertTrue(shipped.contains(SHIPPED_HOST), shipped);
                String toml = shipped.replace(SHIPPED_HOST, "host = \"localhost:" + port + "\"");
                Path d = Files.createDirectories(dir.resolve(n));
                Files.writeString(d.resolve("origin-ca.pem"), pki.ca().certPem());
                if (cert == null) {
                    String certLine = "  { key = \"client-cert\", file = \"client.pem\" },\n";
                    String keyLine = "  { key = \"client-key\", file = \"client.key\" },\n";
                    assertTrue(toml.contains(certLine) && toml.contains(keyLine), toml);
                    toml = toml.replace(certLine, "").replace(keyLine, "");
                } else {
                    Files.writeString(d.resolve("client.pem"), cert);
                    Files.writeString(d.resolve("client.key"), key);
                }
                Path file = Files.writeString(d.resolve("fastly.toml"), toml);
                return new TestServer(Samples.module(SampleSources.module(lang, "mtls_proxy")), 4, FastlyToml.load(file));
            } catch (java.io.IOException e) {
                throw new AssertionError("starting the mtls_proxy server " + n + " failed: " + e, e);
            }
        });
    }

    /** The sample's answer when registering the backend failed with inval, as each language words it. */
    private static void assertInval(String lang, String body) {
        switch (lang) {
            case "rust" -> assertEquals("{\"error\":\"partner backend: fastly status 2 (inval)\"}", body);
            case "go" -> assertEquals("{\"error\":\"partner backend: fastly hostcall failed: inval (2)\"}", body);
            default -> assertTrue(body.startsWith("{\"error\":\"partner backend: "), body);
        }
    }

    private static HttpResponse<String> get(TestServer server, String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void theRightCertificateIsLetInAndTheOriginSeesItsSubject(String lang) {
        TestServer s = server(lang, "rsa", rsa.certPem(), rsa.pkcs8Pem());
        HttpResponse<String> r = get(s, "/orders?id=7");
        assertEquals(200, r.statusCode(), r.body() + " " + s.guestLines);
        assertEquals("partner saw GET /orders?id=7", r.body());
        assertEquals("CN=edge-service", r.headers().firstValue("x-client-subject").orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void anEcKeyInSec1FormWorksToo(String lang) {
        HttpResponse<String> r = get(server(lang, "ec", ec.certPem(), ec.traditionalPem()), "/");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("CN=edge-service-ec", r.headers().firstValue("x-client-subject").orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void withoutACertificateTheHandshakeIsRefused(String lang) {
        HttpResponse<String> r = get(server(lang, "none", null, null), "/");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"error\":\"partner: "), r.body());
        if (!lang.equals("js")) {
            assertEquals("{\"error\":\"partner: tls alert received (TLS alert 42)\"}", r.body(), "bad_certificate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void aCertificateFromAnotherCaIsRefused(String lang) {
        HttpResponse<String> r = get(server(lang, "rogue", rogue.certPem(), rogue.pkcs8Pem()), "/");
        assertEquals(502, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"error\":\"partner: "), r.body());
        if (!lang.equals("js")) {
            assertEquals("{\"error\":\"partner: tls alert received (TLS alert 42)\"}", r.body(), "bad_certificate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void aKeyOfAnotherCertificateIsRefusedByTheHost(String lang) {
        TestServer s = server(lang, "mismatch", rsa.certPem(), rogue.pkcs8Pem());
        HttpResponse<String> r = get(s, "/");
        assertEquals(500, r.statusCode(), r.body());
        assertInval(lang, r.body());
        assertTrue(s.guestLines.stream().anyMatch(l -> l.endsWith("ledge: dynamic backend partner: client certificate refused: "
                + "the client key does not match the certificate (it is the key of another certificate)")), s.guestLines::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void aMalformedCertificateIsRefusedByTheHost(String lang) {
        HttpResponse<String> r = get(server(lang, "malformed", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
                rsa.pkcs8Pem()), "/");
        assertEquals(500, r.statusCode(), r.body());
        assertInval(lang, r.body());
    }
}
