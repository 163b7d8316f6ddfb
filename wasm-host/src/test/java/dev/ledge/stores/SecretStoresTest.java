package dev.ledge.stores;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret stores read from fastly.toml (data, file, env and a JSON file) and served to a real guest
 * (src/test/wat/secret_stores.wat) that checks every status itself. The env secret reads PATH,
 * which every test environment has; the guest compares it with the same text given as data.
 */
class SecretStoresTest {
    static final byte[] BIN = {0x00, (byte) 0xff, 0x10, (byte) 0x80};

    static Path project(Path dir) throws IOException {
        String path = System.getenv("PATH");
        assertNotNull(path, "this test reads the PATH environment variable, which is not set");
        Files.write(dir.resolve("bin.secret"), BIN);
        Files.writeString(dir.resolve("secrets.json"), "{\"token\": \"abc123\"}");
        return Files.writeString(dir.resolve("fastly.toml"), """
                [local_server.secret_stores]
                inline = [
                  { key = "api_key", data = "s3cr3t" },
                  { key = "bin", file = "bin.secret" },
                  { key = "from_env", env = "PATH" },
                  { key = "env_copy", data = %s },
                ]

                [local_server.secret_stores.from_json]
                file = "secrets.json"
                format = "json"
                """.formatted(tomlString(path)));
    }

    /** {@code s} as a TOML basic string. */
    static String tomlString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Test
    void aGuestReadsSecretsFromEverySource(@TempDir Path dir) throws IOException {
        PrelinkedModule m = PrelinkedModule.load("secret_stores", Wat.compile("secret_stores"));
        try (TestServer server = new TestServer(m, 8, FastlyToml.load(project(dir)))) {
            HttpResponse<String> r = server.get("/");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
        }
    }

    @Test
    void secretsHoldTheirBytes(@TempDir Path dir) throws IOException {
        SecretStores stores = SecretStores.read(FastlyToml.load(project(dir)));
        assertArrayEquals(BIN, stores.find("inline").find("bin").plaintext());
        assertArrayEquals(System.getenv("PATH").getBytes(StandardCharsets.UTF_8),
                stores.find("inline").find("from_env").plaintext());
        assertArrayEquals("abc123".getBytes(StandardCharsets.UTF_8), stores.find("from_json").find("token").plaintext());
    }

    @Test
    void aSecretNeverPrintsItsText() {
        Secret s = new Secret("hunter2".getBytes(StandardCharsets.UTF_8));
        assertEquals("Secret[7 bytes]", s.toString());
        assertFalse(new SecretStore("st", java.util.Map.of("k", s)).toString().contains("hunter2"));
    }
}
