package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.geo.TestDatabases;
import dev.ledge.testing.TestServer;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The geo_pricing sample in Rust, Go and JS, each with its own fastly.toml (pricing config store),
 * its geolocation table swapped for the MaxMind test databases: requests claiming addresses in
 * Buenos Aires, Mexico City, São Paulo and Madrid (x-client-ip, trusted because the store says so)
 * get prices in four currencies; without the store's trust switch the header is ignored. Every
 * language gets the same assertions.
 */
class GeoPricingSampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    /** Per language: the shipped configuration, the databases with trust, the databases without. */
    private static final Map<String, Servers> SERVERS = new ConcurrentHashMap<>();

    private record Servers(TestServer shipped, TestServer trusting, TestServer untrusting) {
        void close() {
            shipped.close();
            trusting.close();
            untrusting.close();
        }
    }

    private static Servers servers(String lang) {
        return SERVERS.computeIfAbsent(lang, GeoPricingSampleTest::start);
    }

    private static Servers start(String lang) {
        try {
            PrelinkedModule module = Samples.module(SampleSources.module(lang, "geo_pricing"));
            Path sampleToml = SampleSources.fastlyToml(lang, "geo_pricing");
            TestServer shipped = new TestServer(module, 8, FastlyToml.load(sampleToml));
            String shippedText = Files.readString(sampleToml);
            int geo = shippedText.indexOf("[local_server.geolocation]");
            assertTrue(geo > 0, sampleToml + " must end with its geolocation table");
            String withDatabases = shippedText.substring(0, geo) + "[local_server.geolocation]\ndatabases = ['"
                    + TestDatabases.dir().resolve("city.mmdb").toAbsolutePath() + "']\n";
            TestServer trusting = new TestServer(module, 8,
                    FastlyToml.load(Files.writeString(dir.resolve(lang + "-fastly.toml"), withDatabases)));
            String noTrust = withDatabases.replace("trust_client_ip_header = \"true\"", "");
            assertTrue(!noTrust.equals(withDatabases), "the shipped fastly.toml turns the trust switch on");
            TestServer untrusting = new TestServer(module, 8,
                    FastlyToml.load(Files.writeString(dir.resolve(lang + "-untrusting.toml"), noTrust)));
            return new Servers(shipped, trusting, untrusting);
        } catch (Exception e) {
            throw new AssertionError("starting the " + lang + " geo_pricing servers failed: " + e, e);
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(Servers::close);
        Samples.release("geo_pricing");
    }

    private static HttpResponse<String> price(TestServer server, String query, String clientIp) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/price" + query));
        if (clientIp != null) {
            b.header("x-client-ip", clientIp);
        }
        return server.send(b.build());
    }

    private static void assertAmount(String expected, JsonNode json, String field) {
        assertEquals(0, new BigDecimal(expected).compareTo(json.get(field).decimalValue()),
                field + " was " + json.get(field) + " in " + json);
    }

    static Stream<Arguments> cities() {
        String[][] rows = {
            {"181.0.0.1", "AR", "Buenos Aires", "ARS", "27000", "5670", "32670"},
            {"187.130.0.1", "MX", "Mexico City", "MXN", "370.00", "59.20", "429.20"},
            {"177.0.0.1", "BR", "São Paulo", "BRL", "108.00", "18.36", "126.36"},
            {"80.58.0.1", "ES", "Madrid", "EUR", "18.40", "3.86", "22.26"},
            {"2804:14c::1", "BR", "São Paulo", "BRL", "108.00", "18.36", "126.36"},
        };
        return SampleSources.LANGUAGES.stream().flatMap(lang -> Arrays.stream(rows)
                .map(r -> Arguments.of(lang, r[0], r[1], r[2], r[3], r[4], r[5], r[6])));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cities")
    void pricesInTheCurrencyOfTheClientsCountry(String lang, String ip, String country, String city, String currency,
            String net, String tax, String total) throws Exception {
        HttpResponse<String> r = price(servers(lang).trusting(), "?product=mate&usd=20", ip);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
        JsonNode json = JSON.readTree(r.body());
        assertEquals("mate", json.get("product").asText());
        assertEquals(ip, json.get("client_ip").asText());
        assertEquals("header", json.get("client_ip_source").asText());
        assertEquals(country, json.get("country").asText());
        assertEquals(city, json.get("city").asText());
        assertEquals(country, json.get("rules").asText());
        assertEquals(currency, json.get("currency").asText());
        assertAmount(net, json, "net");
        assertAmount(tax, json, "tax");
        assertAmount(total, json, "total");
    }

    @EachLanguage
    void theShippedConfigurationPricesItsFourInlineAddresses(String lang) throws Exception {
        Servers s = servers(lang);
        String[][] cases = {{"181.0.0.1", "ARS", "32670"}, {"187.130.0.1", "MXN", "429.20"},
            {"177.0.0.1", "BRL", "126.36"}, {"80.58.0.1", "EUR", "22.26"}, {"127.0.0.2", "USD", "20"}};
        for (String[] c : cases) {
            JsonNode json = JSON.readTree(price(s.shipped(), "?usd=20", c[0]).body());
            assertEquals(c[1], json.get("currency").asText(), json.toString());
            assertAmount(c[2], json, "total");
        }
    }

    @EachLanguage
    void theSocketAddressIsUsedWithoutTheHeader(String lang) throws Exception {
        Servers s = servers(lang);
        JsonNode json = JSON.readTree(price(s.trusting(), "?usd=20", null).body());
        assertEquals("127.0.0.1", json.get("client_ip").asText());
        assertEquals("socket", json.get("client_ip_source").asText());
        // Fastly's default loopback record: the United States, priced by the default entry.
        assertEquals("US", json.get("country").asText());
        assertEquals("default", json.get("rules").asText());
        assertEquals("USD", json.get("currency").asText());
        assertAmount("20.00", json, "total");
    }

    @EachLanguage
    void theHeaderIsIgnoredUnlessTheStoreTrustsIt(String lang) throws Exception {
        Servers s = servers(lang);
        JsonNode json = JSON.readTree(price(s.untrusting(), "?usd=20", "181.0.0.1").body());
        assertEquals("127.0.0.1", json.get("client_ip").asText());
        assertEquals("socket", json.get("client_ip_source").asText());
        assertEquals("USD", json.get("currency").asText());
    }

    @EachLanguage
    void aCountryWithoutRulesGetsTheDefault(String lang) throws Exception {
        Servers s = servers(lang);
        // 190.0.0.0/16 is a country-level record (Uruguay, no city); the store has no UY entry.
        JsonNode json = JSON.readTree(price(s.trusting(), "?usd=19.99", "190.0.0.1").body());
        assertEquals("UY", json.get("country").asText());
        assertEquals("?", json.get("city").asText());
        assertEquals("default", json.get("rules").asText());
        assertAmount("19.99", json, "total");
    }

    @EachLanguage
    void anAddressNobodyKnowsGetsTheDefault(String lang) throws Exception {
        Servers s = servers(lang);
        JsonNode json = JSON.readTree(price(s.trusting(), "?usd=5", "192.0.2.1").body());
        assertEquals("?", json.get("country").asText());
        assertEquals("USD", json.get("currency").asText());
    }

    @EachLanguage
    void badRequestsAreRefusedWithAReason(String lang) throws Exception {
        Servers s = servers(lang);
        HttpResponse<String> noUsd = price(s.trusting(), "?product=mate", "181.0.0.1");
        assertEquals(400, noUsd.statusCode());
        assertEquals("usd must be a non-negative number", JSON.readTree(noUsd.body()).get("error").asText());
        assertEquals(400, price(s.trusting(), "?usd=-1", null).statusCode());
        HttpResponse<String> badIp = price(s.trusting(), "?usd=1", "not-an-ip");
        assertEquals(400, badIp.statusCode());
        assertEquals("x-client-ip is not an IP address: not-an-ip", JSON.readTree(badIp.body()).get("error").asText());
        assertEquals(404, s.trusting().get("/other").statusCode());
    }
}
