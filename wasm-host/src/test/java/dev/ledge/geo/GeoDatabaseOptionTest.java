package dev.ledge.geo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.config.ConfigException;
import dev.ledge.config.FastlyToml;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --geo-db FILE}: databases from the command line come before those fastly.toml lists. */
class GeoDatabaseOptionTest {
    @TempDir
    Path dir;

    private static String lookup(Geolocation g, String ip) throws Exception {
        byte[] b = g.lookup(InetAddress.getByName(ip));
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void commandLineDatabasesComeFirstAndWorkWithoutAFile() throws Exception {
        Path db = TestDatabases.dir();
        Geolocation alone = GeolocationConfig.read(FastlyToml.empty().withLocalServerList("geolocation", "databases",
                List.of(db.resolve("flat.mmdb").toString())));
        assertTrue(lookup(alone, "181.0.1.2").contains("\"continent\":\"?\""));

        Files.copy(db.resolve("city.mmdb"), dir.resolve("city.mmdb"));
        FastlyToml file = FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"),
                "[local_server.geolocation]\ndatabases = [\"city.mmdb\"]\n"));
        Geolocation both = GeolocationConfig.read(file.withLocalServerList("geolocation", "databases",
                List.of(db.resolve("asn.mmdb").toString())));
        String ba = lookup(both, "181.0.1.2");
        assertTrue(ba.contains("\"as_number\":7303") && ba.contains("\"continent\":\"SA\""), ba);
    }

    @Test
    void aMissingCommandLineDatabaseIsNamed() throws Exception {
        Path missing = dir.resolve("nope.mmdb");
        ConfigException e = assertThrows(ConfigException.class, () -> GeolocationConfig.read(
                FastlyToml.empty().withLocalServerList("geolocation", "databases", List.of(missing.toString()))));
        assertTrue(e.getMessage().contains("[local_server.geolocation] key 'databases[0]': " + missing + ": no such file"), e.getMessage());
    }
}
