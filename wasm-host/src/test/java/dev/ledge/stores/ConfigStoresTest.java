package dev.ledge.stores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dictionaries and config stores read from fastly.toml (inline TOML and JSON files) and served to
 * a real guest (src/test/wat/config_stores.wat) that checks every status of both APIs itself.
 */
class ConfigStoresTest {
    static final String TOML = """
            name = "stores"
            [local_server.dictionaries.animals]
            format = "inline-toml"
            contents = { cat = "meow", empty = "" }

            [local_server.config_stores.settings]
            format = "json"
            file = "settings.json"
            """;

    static Path project(Path dir) throws IOException {
        Files.writeString(dir.resolve("settings.json"),
                "{\"greeting\": \"h\u00e9llo\", \"big\": \"" + "x".repeat(100) + "\"}");
        return Files.writeString(dir.resolve("fastly.toml"), TOML);
    }

    @Test
    void aGuestReadsDictionariesAndConfigStoresThroughBothApis(@TempDir Path dir) throws IOException {
        PrelinkedModule m = PrelinkedModule.load("config_stores", Wat.compile("config_stores"));
        try (TestServer server = new TestServer(m, 8, FastlyToml.load(project(dir)))) {
            HttpResponse<String> r = server.get("/");
            assertEquals("all checks passed", r.body());
            assertEquals(200, r.statusCode());
            // Each request opens its own handles; a second one sees the same stores.
            assertEquals("all checks passed", server.get("/again").body());
        }
    }

    @Test
    void bothTablesAreReadIntoOneNamespace(@TempDir Path dir) throws IOException {
        ConfigStores stores = ConfigStores.read(FastlyToml.load(project(dir)));
        assertEquals(Map.of("cat", "meow", "empty", ""), stores.find("animals").entries());
        assertEquals("h\u00e9llo", stores.find("settings").get("greeting"));
        assertNull(stores.find("nope"));
    }

    @Test
    void aJsonFileIsFoundRelativeToFastlyToml(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("data"));
        Files.writeString(sub.resolve("d.json"), "{\"k\": \"v\"}");
        Path f = Files.writeString(dir.resolve("fastly.toml"),
                "[local_server.config_stores.c]\nformat = \"json\"\nfile = \"data/d.json\"\n");
        assertEquals("v", ConfigStores.read(FastlyToml.load(f)).find("c").get("k"));
    }

    @Test
    void limitsAreInclusive(@TempDir Path dir) throws IOException {
        String key = "k".repeat(ConfigStoreReader.MAX_KEY_CHARS);
        String value = "\u00e9".repeat(ConfigStoreReader.MAX_VALUE_CHARS);
        Path f = Files.writeString(dir.resolve("fastly.toml"), "[local_server.config_stores.c]\nformat = \"inline-toml\"\n"
                + "contents = { " + key + " = \"" + value + "\" }\n");
        assertEquals(value, ConfigStores.read(FastlyToml.load(f)).find("c").get(key));
    }

    @Test
    void withoutConfigurationThereAreNoStores() {
        assertTrue(ConfigStores.read(FastlyToml.empty()).all().isEmpty());
        assertTrue(SecretStores.read(FastlyToml.empty()).all().isEmpty());
    }
}
