package dev.ledge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import dev.ledge.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A static backend's client_certificate table in fastly.toml: the keys Fastly's local tool reads
 * (certificate or certificate_file, key or key_file) are accepted, and every mistake is refused
 * before the server starts with an error naming the file, the table and the key.
 */
class ClientCertificateConfigTest {
    static final String T = "local_server.backends.origin.client_certificate";
    @TempDir
    static Path dir;
    static TestPki.Issued client;
    static TestPki.Issued other;

    @BeforeAll
    static void certificates() throws Exception {
        TestPki pki = TestPki.create("Config CA");
        client = pki.client("edge", "RSA");
        other = pki.client("other", "EC");
        Files.writeString(dir.resolve("client.pem"), client.certPem());
        Files.writeString(dir.resolve("client.key"), client.pkcs8Pem());
        Files.writeString(dir.resolve("other.key"), other.pkcs8Pem());
        Files.writeString(dir.resolve("junk.pem"), "junk");
    }

    private static Backend read(String clientCertificate) throws Exception {
        Path toml = Files.writeString(dir.resolve("fastly.toml"),
                "[local_server.backends.origin]\nurl = \"https://origin.test\"\n" + clientCertificate + "\n");
        return BackendsConfig.read(FastlyToml.load(toml)).get("origin");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("not a table", "client_certificate = \"client.pem\"", "local_server.backends.origin", "client_certificate", "must be a table"),
                Arguments.of("an unknown key", "client_certificate = { cert = \"x\", key_file = \"client.key\" }", T, "cert", "is not a client certificate setting"),
                Arguments.of("no certificate", "client_certificate = { key_file = \"client.key\" }", T, "certificate", "is missing"),
                Arguments.of("no key", "client_certificate = { certificate_file = \"client.pem\" }", T, "key", "is missing"),
                Arguments.of("certificate twice", "client_certificate = { certificate = \"x\", certificate_file = \"client.pem\", key_file = \"client.key\" }",
                        T, "certificate", "not both"),
                Arguments.of("key twice", "client_certificate = { certificate_file = \"client.pem\", key = \"x\", key_file = \"client.key\" }",
                        T, "key", "not both"),
                Arguments.of("a number", "client_certificate = { certificate_file = 1, key_file = \"client.key\" }", T, "certificate_file", "must be a non-empty string"),
                Arguments.of("an empty key", "client_certificate = { certificate_file = \"client.pem\", key = \"\" }", T, "key", "must be a non-empty string"),
                Arguments.of("a missing file", "client_certificate = { certificate_file = \"none.pem\", key_file = \"client.key\" }", T, "certificate_file", "cannot read"),
                Arguments.of("a file that is no certificate", "client_certificate = { certificate_file = \"junk.pem\", key_file = \"client.key\" }",
                        T, null, "no -----BEGIN CERTIFICATE----- block (certificate_file"),
                Arguments.of("a key file that is no key", "client_certificate = { certificate_file = \"client.pem\", key_file = \"junk.pem\" }",
                        T, null, "the client key has no -----BEGIN PRIVATE KEY-----"),
                Arguments.of("another certificate's key", "client_certificate = { certificate_file = \"client.pem\", key_file = \"other.key\" }",
                        T, null, "the client key does not match the certificate (a RSA certificate)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isRefusedNamingFileTableAndKey(String name, String setting, String table, String key, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(setting));
        String head = dir.resolve("fastly.toml") + ": [" + table + "]" + (key == null ? ": " : " key '" + key + "'");
        assertTrue(e.getMessage().startsWith(head), "expected to start with <" + head + ">: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected <" + problem + "> in: " + e.getMessage());
        assertTrue(!e.getMessage().contains("PRIVATE KEY-----\n"), "the key text is never quoted: " + e.getMessage());
    }

    @Test
    void filesAndInlineTextAreRead() throws Exception {
        Backend files = read("client_certificate = { certificate_file = \"client.pem\", key_file = \"client.key\" }");
        assertEquals("CN=edge", files.clientCert().subject());
        Backend inline = read("[local_server.backends.origin.client_certificate]\ncertificate = \"\"\"\n" + client.certPem()
                + "\"\"\"\nkey = \"\"\"\n" + client.traditionalPem() + "\"\"\"");
        assertEquals("CN=edge", inline.clientCert().subject());
        assertEquals(null, read("").clientCert());
    }
}
