package dev.ledge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fastly.toml errors name the file, the table and the key. */
class FastlyTomlTest {
    @Test
    void serviceIdentityIsRead(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("fastly.toml"), "name = \"shop\"\nservice_id = \"abc123\"\n[local_server]\n");
        FastlyToml t = FastlyToml.load(f);
        assertEquals("shop", t.name("x"));
        assertEquals("abc123", t.environment().variables("t").get("FASTLY_SERVICE_ID"));
    }

    @Test
    void invalidTomlNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("fastly.toml"), "name = \n");
        ConfigException e = assertThrows(ConfigException.class, () -> FastlyToml.load(f));
        assertTrue(e.getMessage().startsWith(f + ": not valid TOML"), e.getMessage());
    }

    @Test
    void aLocalServerTableOfTheWrongTypeNamesTheKey(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("fastly.toml"), "[local_server]\nbackends = \"nope\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> FastlyToml.load(f));
        assertTrue(e.getMessage().contains("[local_server] key 'backends' must be a table"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> FastlyToml.load(dir.resolve("none.toml")));
        assertTrue(e.getMessage().endsWith("none.toml: no such file"), e.getMessage());
    }
}
