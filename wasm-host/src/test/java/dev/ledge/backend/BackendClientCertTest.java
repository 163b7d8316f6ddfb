package dev.ledge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestPki;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backends present client certificates to an origin that requires them (mutual TLS): a real
 * Vert.x HTTPS origin with {@link ClientAuth#REQUIRED} trusting a test CA echoes the subject of
 * the certificate it saw, and a real guest (src/test/wat/client_cert.wat) sends through dynamic
 * backends it registers with a PEM certificate from guest memory and a key from a secret handle,
 * and through static backends whose client_certificate fastly.toml gives inline or as files.
 */
class BackendClientCertTest {
    @TempDir
    static Path dir;
    static Vertx vertx;
    static TestServer server;
    static int port;
    /** An origin that speaks only TLS 1.2, where the client certificate is asked for within the handshake. */
    static int tls12Port;
    static TestPki pki;
    static TestPki.Issued rsaClient;
    static TestPki.Issued ecClient;
    static TestPki.Issued rogueClient;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pki = TestPki.create("Ledge Test CA");
        TestPki rogue = TestPki.create("Rogue CA");
        TestPki.Issued serverCert = pki.server("localhost");
        rsaClient = pki.client("edge-rsa", "RSA");
        ecClient = pki.client("edge-ec", "EC");
        rogueClient = rogue.client("intruder", "RSA");
        port = origin(serverCert, Set.of("TLSv1.2", "TLSv1.3"));
        tls12Port = origin(serverCert, Set.of("TLSv1.2"));
        Map<String, String> secrets = Map.ofEntries(
                Map.entry("ca", pki.ca().certPem()),
                Map.entry("rsa-cert", rsaClient.certPem()),
                Map.entry("rsa-key", rsaClient.pkcs8Pem()),
                Map.entry("rsa-key-pkcs1", rsaClient.traditionalPem()),
                Map.entry("chain-cert", rsaClient.certPem() + pki.ca().certPem()),
                Map.entry("ec-cert", ecClient.certPem()),
                Map.entry("ec-key", ecClient.pkcs8Pem()),
                Map.entry("ec-key-sec1", ecClient.traditionalPem()),
                Map.entry("rogue-cert", rogueClient.certPem()),
                Map.entry("rogue-key", rogueClient.pkcs8Pem()),
                Map.entry("garbage", "this is not PEM at all"),
                Map.entry("broken-cert", "-----BEGIN CERTIFICATE-----\nMIIB!!notbase64\n-----END CERTIFICATE-----\n"),
                Map.entry("bad-der-cert", TestPki.pem("CERTIFICATE", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})),
                Map.entry("encrypted-key", TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00})),
                Map.entry("two-keys", rsaClient.pkcs8Pem() + ecClient.pkcs8Pem()));
        StringBuilder toml = new StringBuilder("name = \"mtls\"\n[local_server.secret_stores]\ntls = [\n");
        for (Map.Entry<String, String> e : secrets.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".pem"), e.getValue());
            toml.append("  { key = \"").append(e.getKey()).append("\", file = \"").append(e.getKey()).append(".pem\" },\n");
        }
        toml.append("]\n");
        String url = "https://localhost:" + port;
        // connect_timeout_ms: 20 s, as the guest's dynamic backends: handshakes on a loaded machine
        toml.append("[local_server.backends.files]\nurl = \"").append(url).append("\"\nca_certificate = \"ca.pem\"\nconnect_timeout_ms = 20000\n")
                .append("client_certificate = { certificate_file = \"ec-cert.pem\", key_file = \"ec-key-sec1.pem\" }\n");
        toml.append("[local_server.backends.inline]\nurl = \"").append(url).append("\"\nca_certificate = \"ca.pem\"\nconnect_timeout_ms = 20000\n")
                .append("[local_server.backends.inline.client_certificate]\ncertificate = \"\"\"\n").append(rsaClient.certPem())
                .append("\"\"\"\nkey = \"\"\"\n").append(rsaClient.traditionalPem()).append("\"\"\"\n");
        toml.append("[local_server.backends.nocert]\nurl = \"").append(url).append("\"\nca_certificate = \"ca.pem\"\nconnect_timeout_ms = 20000\n");
        toml.append("[local_server.backends.rogue]\nurl = \"").append(url).append("\"\nca_certificate = \"ca.pem\"\nconnect_timeout_ms = 20000\n")
                .append("client_certificate = { certificate_file = \"rogue-cert.pem\", key_file = \"rogue-key.pem\" }\n");
        Path file = Files.writeString(dir.resolve("fastly.toml"), toml);
        server = new TestServer(PrelinkedModule.load("client_cert", Wat.compile("client_cert")), 4, FastlyToml.load(file));
    }

    /** Starts an origin that requires a client certificate from the test CA, speaking {@code protocols}. */
    private static int origin(TestPki.Issued serverCert, Set<String> protocols) throws Exception {
        HttpServer origin = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(serverCert.certPem()))
                                .setKeyValue(Buffer.buffer(serverCert.pkcs8Pem())))
                        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pki.ca().certPem())))
                        .setEnabledSecureTransportProtocols(protocols)
                        .setClientAuth(ClientAuth.REQUIRED))
                .requestHandler(BackendClientCertTest::echoSubject)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        return origin.actualPort();
    }

    /** The origin: answers with the subject of the client certificate the handshake verified. */
    static void echoSubject(io.vertx.core.http.HttpServerRequest r) {
        try {
            String subject = ((X509Certificate) r.connection().peerCertificates().get(0)).getSubjectX500Principal().getName();
            r.response().putHeader("x-client-subject", subject).end("hello " + subject);
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            r.response().setStatusCode(495).end("no client certificate");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        vertx.close();
    }

    /** Registers a dynamic backend with client certificate secret {@code cert} and key secret {@code key} (both may be null). */
    private static String dynamic(String cert, String key, String badHandle) {
        return dynamic(port, cert, key, badHandle);
    }

    private static String dynamic(int originPort, String cert, String key, String badHandle) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/")).header("x-target", "localhost:" + originPort).header("x-ca", "ca");
        if (cert != null) {
            b.header("x-cert", cert);
        }
        if (key != null) {
            b.header("x-key", key);
        }
        if (badHandle != null) {
            b.header("x-bad-handle", badHandle);
        }
        return server.send(b.build()).body();
    }

    private static String viaStatic(String backend) {
        return server.send(HttpRequest.newBuilder(server.uri("/")).header("x-backend", backend).build()).body();
    }

    @Test
    void aDynamicBackendWithTheRightCertificateIsLetIn() {
        assertEquals("ok:200:CN=edge-rsa", dynamic("rsa-cert", "rsa-key", null), server.guestLines::toString);
    }

    @Test
    void pkcs1AndSec1KeysAndAChainAreAccepted() {
        assertEquals("ok:200:CN=edge-rsa", dynamic("rsa-cert", "rsa-key-pkcs1", null), server.guestLines::toString);
        assertEquals("ok:200:CN=edge-ec", dynamic("ec-cert", "ec-key", null), server.guestLines::toString);
        assertEquals("ok:200:CN=edge-ec", dynamic("ec-cert", "ec-key-sec1", null), server.guestLines::toString);
        assertEquals("ok:200:CN=edge-rsa", dynamic("chain-cert", "rsa-key", null), server.guestLines::toString);
    }

    @Test
    void withoutACertificateTheHandshakeFailsWithASendError() {
        assertEquals("failed:001:023:042", dynamic(null, null, null), "tls_alert_received, alert bad_certificate");
    }

    @Test
    void overTls12TheCertificateIsAskedForWithinTheHandshake() {
        assertEquals("ok:200:CN=edge-ec", dynamic(tls12Port, "ec-cert", "ec-key-sec1", null), server.guestLines::toString);
        assertEquals("failed:001:023:042", dynamic(tls12Port, null, null, null), "tls_alert_received, alert bad_certificate");
        assertEquals("failed:001:023:042", dynamic(tls12Port, "rogue-cert", "rogue-key", null), "tls_alert_received, alert bad_certificate");
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedByTheOrigin() {
        assertEquals("failed:001:023:042", dynamic("rogue-cert", "rogue-key", null), "tls_alert_received, alert bad_certificate");
    }

    @Test
    void badPemIsInval() {
        assertEquals("register:002", dynamic("garbage", "rsa-key", null));
        assertEquals("register:002", dynamic("broken-cert", "rsa-key", null));
        assertEquals("register:002", dynamic("bad-der-cert", "rsa-key", null));
        assertEquals("register:002", dynamic("rsa-cert", "garbage", null));
        assertEquals("register:002", dynamic("rsa-cert", "encrypted-key", null));
        assertEquals("register:002", dynamic("rsa-cert", "two-keys", null));
    }

    /** The guest log line that says why the client certificate of the last request was refused. */
    private static String refusal() {
        return server.guestLines.stream().filter(l -> l.contains("client certificate refused")).reduce((a, b) -> b).orElse("(none)");
    }

    @Test
    void theReasonForARefusalIsLogged() {
        dynamic("rsa-cert", "rogue-key", null);
        assertTrue(refusal().endsWith("ledge: dynamic backend d: client certificate refused: "
                + "the client key does not match the certificate (it is the key of another certificate)"), refusal());
        dynamic("garbage", "rsa-key", null);
        assertTrue(refusal().endsWith("refused: the client certificate has no -----BEGIN CERTIFICATE----- block"), refusal());
        dynamic("rsa-cert", null, "store");
        assertTrue(refusal().contains("refused: client_key: handle ") && refusal().contains("is a secret store, not a secret"), refusal());
        for (String key : new String[] {rsaClient.pkcs8Pem(), rogueClient.pkcs8Pem()}) {
            String inside = key.split("\n")[2];
            assertTrue(server.guestLines.stream().noneMatch(l -> l.contains(inside)), "no key text in the log");
        }
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsInval() {
        assertEquals("register:002", dynamic("rsa-cert", "rogue-key", null), "another RSA key");
        assertEquals("register:002", dynamic("rsa-cert", "ec-key", null), "an EC key for an RSA certificate");
        assertEquals("register:002", dynamic("ec-cert", "rsa-key-pkcs1", null), "an RSA key for an EC certificate");
    }

    @Test
    void aKeyHandleThatIsNotASecretIsBadf() {
        assertEquals("register:003", dynamic("rsa-cert", null, "closed"));
        assertEquals("register:003", dynamic("rsa-cert", null, "store"));
    }

    @Test
    void staticBackendsPresentTheirCertificateFromFilesOrInline() {
        assertEquals("ok:200:CN=edge-ec", viaStatic("files"), server.guestLines::toString);
        assertEquals("ok:200:CN=edge-rsa", viaStatic("inline"), server.guestLines::toString);
    }

    @Test
    void aStaticBackendWithoutOrWithAForeignCertificateIsRefused() {
        assertEquals("failed:001:023:042", viaStatic("nocert"));
        assertEquals("failed:001:023:042", viaStatic("rogue"));
    }
}
