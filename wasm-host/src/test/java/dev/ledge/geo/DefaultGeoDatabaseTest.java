package dev.ledge.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no configuration at all, `serve` answers country-level geolocation for public IPv4 and IPv6
 * addresses from the database inside ledge.jar (DB-IP Lite); a project with a geolocation table
 * gets it only with {@code default_database = true}.
 */
class DefaultGeoDatabaseTest {
    private static HttpResponse<String> lookup(TestServer s, String ip) throws Exception {
        byte[] octets = InetAddress.getByName(ip).getAddress();
        return s.send(HttpRequest.newBuilder(s.uri("/")).POST(HttpRequest.BodyPublishers.ofByteArray(octets)).build());
    }

    @Test
    void publicAddressesGetTheirCountryWithoutConfiguration() throws Exception {
        assertTrue(BundledDatabase.present(), "the build puts " + BundledDatabase.RESOURCE + " on the classpath (scripts/install-toolchains.sh fetches it)");
        try (TestServer s = new TestServer(PrelinkedModule.load("geo", Wat.compile("geo")))) {
            JsonNode v4 = new ObjectMapper().readTree(lookup(s, "8.8.8.8").body());
            assertEquals("US", v4.get("country_code").asText(), v4.toString());
            assertEquals("USA", v4.get("country_code3").asText());
            JsonNode v6 = new ObjectMapper().readTree(lookup(s, "2001:4860:4860::8888").body());
            assertTrue(v6.get("country_code").asText().matches("[A-Z]{2}") && v6.get("country_code3").asText().matches("[A-Z]{3}"),
                    "an IPv6 address gets a country: " + v6);
            JsonNode loopback = new ObjectMapper().readTree(lookup(s, "127.0.0.1").body());
            assertEquals("San Francisco", loopback.get("city").asText(), "loopback keeps the local tool's record");
        }
    }

    @Test
    void withAGeolocationTableTheProjectDecides(@TempDir Path dir) throws Exception {
        Path off = Files.writeString(dir.resolve("off.toml"), "[local_server.geolocation]\nuse_default_loopback = true\n");
        try (TestServer s = new TestServer(PrelinkedModule.load("geo", Wat.compile("geo")), 4, FastlyToml.load(off))) {
            HttpResponse<String> r = lookup(s, "8.8.8.8");
            assertEquals(200, r.statusCode());
            assertEquals("", r.body(), "as under Fastly's local tool, an unlisted address is unknown");
        }
        Path on = Files.writeString(dir.resolve("on.toml"), "[local_server.geolocation]\ndefault_database = true\n");
        try (TestServer s = new TestServer(PrelinkedModule.load("geo", Wat.compile("geo")), 4, FastlyToml.load(on))) {
            assertEquals("US", new ObjectMapper().readTree(lookup(s, "8.8.8.8").body()).get("country_code").asText());
        }
    }
}
