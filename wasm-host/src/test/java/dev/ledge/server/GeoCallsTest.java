package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.geo.TestDatabases;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fastly_geo.lookup from a real guest (src/test/wat/geo.wat, which also checks inval and the
 * buflen protocol on every request): MaxMind databases written by src/test/geo, the addresses
 * fastly.toml lists, loopback and unknown addresses.
 */
class GeoCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_FIELDS = List.of("area_code", "as_name", "as_number", "city", "conn_speed",
            "conn_type", "continent", "country_code", "country_code3", "country_name", "latitude", "longitude",
            "metro_code", "postal_code", "proxy_description", "proxy_type", "region", "utc_offset");

    @TempDir
    Path dir;

    private FastlyToml toml(String geolocation) throws Exception {
        Path db = TestDatabases.dir();
        String text = "name = \"geo\"\n[local_server.geolocation]\n" + geolocation.replace("DB/", db.toString().replace("\\", "/") + "/");
        return FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), text));
    }

    private static TestServer server(FastlyToml toml) {
        return new TestServer(PrelinkedModule.load("geo", Wat.compile("geo")), 8, toml);
    }

    /** The guest's answer for {@code ip}: 200 and the JSON (or "" when unknown). */
    private static String lookup(TestServer server, String ip) throws Exception {
        byte[] octets = InetAddress.getByName(ip).getAddress();
        if (ip.contains(":") && octets.length == 4) {
            throw new IllegalArgumentException("use a non-mapped IPv6 address");
        }
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(octets)).build());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static JsonNode fields(TestServer server, String ip) throws Exception {
        JsonNode j = JSON.readTree(lookup(server, ip));
        assertEquals(ALL_FIELDS, sortedNames(j), "every Fastly field, in order: " + j);
        return j;
    }

    private static List<String> sortedNames(JsonNode j) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.stream().sorted().toList();
    }

    private static int offsetNow(String tz) {
        int s = ZoneId.of(tz).getRules().getOffset(Instant.now()).getTotalSeconds();
        return s / 3600 * 100 + (Math.abs(s) % 3600) / 60 * Integer.signum(s);
    }

    private static void assertField(JsonNode j, String field, Object want) {
        JsonNode v = j.get(field);
        if (want instanceof String s) {
            assertEquals(s, v.isTextual() ? v.asText() : v.toString(), field + " in " + j);
        } else if (want instanceof Double d) {
            assertEquals(d, v.asDouble(), 1e-9, field + " in " + j);
            assertEquals(true, v.isNumber(), field + " in " + j);
        } else {
            assertEquals(((Number) want).longValue(), v.asLong(), field + " in " + j);
            assertEquals(true, v.isIntegralNumber(), field + " in " + j);
        }
    }

    private static void assertFields(JsonNode j, Map<String, Object> want) {
        want.forEach((k, v) -> assertField(j, k, v));
    }

    @Test
    void cityAsnConnectionAndAnonymousDatabasesMerge() throws Exception {
        try (TestServer s = server(toml("databases = [\"DB/city.mmdb\", \"DB/asn.mmdb\", \"DB/conn.mmdb\", \"DB/anon.mmdb\"]\n"))) {
            JsonNode ba = fields(s, "181.0.1.2");
            assertFields(ba, Map.ofEntries(Map.entry("country_code", "AR"), Map.entry("country_code3", "ARG"),
                    Map.entry("country_name", "Argentina"), Map.entry("continent", "SA"), Map.entry("region", "C"),
                    Map.entry("city", "Buenos Aires"), Map.entry("postal_code", "C1000"), Map.entry("latitude", -34.6037),
                    Map.entry("longitude", -58.3816), Map.entry("utc_offset", -300), Map.entry("as_number", 7303),
                    Map.entry("as_name", "Telecom Argentina S.A."), Map.entry("conn_speed", "broadband"),
                    Map.entry("conn_type", "wired"), Map.entry("proxy_type", "?"), Map.entry("proxy_description", "?"),
                    Map.entry("metro_code", 0), Map.entry("area_code", 0)));
            assertFields(fields(s, "187.130.5.6"), Map.of("country_code", "MX", "country_code3", "MEX", "city", "Mexico City",
                    "region", "CMX", "continent", "NA", "utc_offset", offsetNow("America/Mexico_City"), "as_number", 8151,
                    "conn_type", "mobile", "conn_speed", "mobile", "proxy_type", "vpn"));
            assertFields(fields(s, "177.0.200.1"), Map.of("country_code", "BR", "country_code3", "BRA", "city", "São Paulo",
                    "region", "SP", "utc_offset", offsetNow("America/Sao_Paulo"), "as_number", 0, "as_name", "?",
                    "conn_type", "?", "latitude", -23.5505));
            assertFields(fields(s, "80.58.9.9"), Map.of("country_code", "ES", "country_code3", "ESP", "country_name", "Spain",
                    "continent", "EU", "city", "Madrid", "utc_offset", offsetNow("Europe/Madrid"), "as_number", 3352,
                    "proxy_type", "hosting", "proxy_description", "cloud"));
            assertFields(fields(s, "2804:14c:1234::1"), Map.of("country_code", "BR", "city", "São Paulo", "as_number", 28573,
                    "as_name", "Claro NXT Telecomunicacoes Ltda", "postal_code", "?"));
            // a country-level record: everything below the country is absent
            assertFields(fields(s, "190.0.3.4"), Map.of("country_code", "UY", "country_code3", "URY", "continent", "SA",
                    "city", "?", "region", "?", "latitude", 0.0, "longitude", 0.0, "utc_offset", 0, "as_number", 0));
        }
    }

    @Test
    void unknownAddressesGetAnEmptyAnswerAndLoopbackTheDefaultRecord() throws Exception {
        try (TestServer s = server(toml("databases = [\"DB/city.mmdb\"]\n"))) {
            assertEquals("", lookup(s, "8.8.8.8"));
            assertEquals("", lookup(s, "2a00:1450::1"));
            JsonNode lo = fields(s, "127.0.0.1");
            assertFields(lo, Map.of("city", "San Francisco", "as_number", 54113, "as_name", "Fastly, Inc", "area_code", 415,
                    "country_code3", "USA", "latitude", 37.77869, "longitude", -122.39557, "utc_offset", -700, "proxy_type", "?"));
            assertEquals(lookup(s, "127.0.0.1"), lookup(s, "::1"));
            assertEquals(lookup(s, "127.0.0.1"), lookup(s, "127.8.9.10"));
        }
        try (TestServer s = server(toml("use_default_loopback = false\n"))) {
            assertEquals("", lookup(s, "127.0.0.1"));
            assertEquals("", lookup(s, "::1"));
        }
        try (TestServer s = server(toml("use_default_loopback = true\n"))) {
            assertEquals(lookup(s, "127.0.0.1"), new String(JSON.writeValueAsBytes(JSON.readTree(lookup(s, "::1")))));
            assertEquals("", lookup(s, "181.0.1.2"));
        }
    }

    @Test
    void addressesListedInFastlyTomlWinOverDatabasesAndAreAnsweredAsGiven() throws Exception {
        try (TestServer s = server(toml("databases = [\"DB/city.mmdb\"]\nformat = \"inline-toml\"\n"
                + "[local_server.geolocation.addresses]\n"
                + "\"181.0.1.2\" = { city = \"Override City\", as_number = 64500, latitude = 1.5, is_test = true }\n"
                + "\"2001:db8::1\" = { country_code = \"ZZ\" }\n"
                + "\"127.0.0.1\" = { city = \"Home\" }\n"))) {
            assertEquals("{\"as_number\":64500,\"city\":\"Override City\",\"is_test\":true,\"latitude\":1.5}", lookup(s, "181.0.1.2"));
            assertEquals("{\"country_code\":\"ZZ\"}", lookup(s, "2001:db8::1"));
            assertEquals("{\"city\":\"Home\"}", lookup(s, "127.0.0.1"));
            assertField(fields(s, "187.130.5.6"), "city", "Mexico City");
        }
        Files.writeString(dir.resolve("geo.json"), "{\"80.58.1.1\": {\"city\": \"From JSON\", \"metro_code\": 12}}");
        try (TestServer s = server(toml("databases = [\"DB/city.mmdb\"]\nformat = \"json\"\nfile = \"geo.json\"\n"))) {
            assertEquals("{\"city\":\"From JSON\",\"metro_code\":12}", lookup(s, "80.58.1.1"));
            assertField(fields(s, "80.58.1.2"), "city", "Madrid");
        }
    }

    @Test
    void ipLocationDbFlatRecords() throws Exception {
        try (TestServer s = server(toml("databases = [\"DB/flat.mmdb\"]\n"))) {
            assertFields(fields(s, "181.0.1.2"), Map.of("country_code", "AR", "country_code3", "ARG", "country_name", "Argentina",
                    "city", "Buenos Aires", "postal_code", "C1000", "latitude", -34.6037, "longitude", -58.3816,
                    "utc_offset", -300, "continent", "?", "region", "?"));
            assertFields(fields(s, "80.58.0.7"), Map.of("country_code", "ES", "country_name", "Spain", "city", "Madrid",
                    "utc_offset", offsetNow("Europe/Madrid")));
            assertFields(fields(s, "2804:14c::2"), Map.of("country_code", "BR", "city", "São Paulo", "postal_code", "?"));
            assertEquals("", lookup(s, "187.130.5.6"));
        }
    }
}
