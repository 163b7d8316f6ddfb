package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.geo.TestDatabases;
import dev.ledge.testing.TestServer;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Rust geo_pricing sample with its own fastly.toml (pricing config store), its geolocation
 * table swapped for the MaxMind test databases: requests claiming addresses in Buenos Aires,
 * Mexico City, São Paulo and Madrid (x-client-ip, trusted because the store says so) get prices
 * in four currencies; without the store's trust switch the header is ignored.
 */
class GeoPricingSampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static TestServer trusting;
    static TestServer untrusting;
    static TestServer shipped;

    @BeforeAll
    static void start() throws Exception {
        Path sampleToml = Path.of(System.getProperty("ledge.samples.dir", "../guest-samples/target/wasm"))
                .resolve("../../rust/geo_pricing/fastly.toml").normalize();
        shipped = new TestServer(Samples.module("rust-geo_pricing"), 8, FastlyToml.load(sampleToml));
        String shippedText = Files.readString(sampleToml);
        int geo = shippedText.indexOf("[local_server.geolocation]");
        assertTrue(geo > 0, sampleToml + " must end with its geolocation table");
        String withDatabases = shippedText.substring(0, geo) + "[local_server.geolocation]\ndatabases = ['"
                + TestDatabases.dir().resolve("city.mmdb").toAbsolutePath() + "']\n";
        trusting = new TestServer(Samples.module("rust-geo_pricing"), 8,
                FastlyToml.load(Files.writeString(dir.resolve("fastly.toml"), withDatabases)));
        String noTrust = withDatabases.replace("trust_client_ip_header = \"true\"", "");
        assertTrue(!noTrust.equals(withDatabases), "the shipped fastly.toml turns the trust switch on");
        untrusting = new TestServer(Samples.module("rust-geo_pricing"), 8,
                FastlyToml.load(Files.writeString(dir.resolve("untrusting.toml"), noTrust)));
    }

    @AfterAll
    static void stop() {
        trusting.close();
        untrusting.close();
        shipped.close();
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

    @ParameterizedTest
    @CsvSource({
        "181.0.0.1,   AR, Buenos Aires, ARS, 27000, 5670,  32670",
        "187.130.0.1, MX, Mexico City,  MXN, 370.00, 59.20, 429.20",
        "177.0.0.1,   BR, São Paulo,    BRL, 108.00, 18.36, 126.36",
        "80.58.0.1,   ES, Madrid,       EUR, 18.40, 3.86,  22.26",
        "2804:14c::1, BR, São Paulo,    BRL, 108.00, 18.36, 126.36",
    })
    void pricesInTheCurrencyOfTheClientsCountry(String ip, String country, String city, String currency,
            String net, String tax, String total) throws Exception {
        HttpResponse<String> r = price(trusting, "?product=mate&usd=20", ip);
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

    @Test
    void theShippedConfigurationPricesItsFourInlineAddresses() throws Exception {
        String[][] cases = {{"181.0.0.1", "ARS", "32670"}, {"187.130.0.1", "MXN", "429.20"},
            {"177.0.0.1", "BRL", "126.36"}, {"80.58.0.1", "EUR", "22.26"}, {"127.0.0.2", "USD", "20"}};
        for (String[] c : cases) {
            JsonNode json = JSON.readTree(price(shipped, "?usd=20", c[0]).body());
            assertEquals(c[1], json.get("currency").asText(), json.toString());
            assertAmount(c[2], json, "total");
        }
    }

    @Test
    void theSocketAddressIsUsedWithoutTheHeader() throws Exception {
        JsonNode json = JSON.readTree(price(trusting, "?usd=20", null).body());
        assertEquals("127.0.0.1", json.get("client_ip").asText());
        assertEquals("socket", json.get("client_ip_source").asText());
        // Fastly's default loopback record: the United States, priced by the default entry.
        assertEquals("US", json.get("country").asText());
        assertEquals("default", json.get("rules").asText());
        assertEquals("USD", json.get("currency").asText());
        assertAmount("20.00", json, "total");
    }

    @Test
    void theHeaderIsIgnoredUnlessTheStoreTrustsIt() throws Exception {
        JsonNode json = JSON.readTree(price(untrusting, "?usd=20", "181.0.0.1").body());
        assertEquals("127.0.0.1", json.get("client_ip").asText());
        assertEquals("socket", json.get("client_ip_source").asText());
        assertEquals("USD", json.get("currency").asText());
    }

    @Test
    void aCountryWithoutRulesGetsTheDefault() throws Exception {
        // 190.0.0.0/16 is a country-level record (Uruguay, no city); the store has no UY entry.
        JsonNode json = JSON.readTree(price(trusting, "?usd=19.99", "190.0.0.1").body());
        assertEquals("UY", json.get("country").asText());
        assertEquals("?", json.get("city").asText());
        assertEquals("default", json.get("rules").asText());
        assertAmount("19.99", json, "total");
    }

    @Test
    void anAddressNobodyKnowsGetsTheDefault() throws Exception {
        JsonNode json = JSON.readTree(price(trusting, "?usd=5", "192.0.2.1").body());
        assertEquals("?", json.get("country").asText());
        assertEquals("USD", json.get("currency").asText());
    }

    @Test
    void badRequestsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> noUsd = price(trusting, "?product=mate", "181.0.0.1");
        assertEquals(400, noUsd.statusCode());
        assertEquals("usd must be a non-negative number", JSON.readTree(noUsd.body()).get("error").asText());
        assertEquals(400, price(trusting, "?usd=-1", null).statusCode());
        HttpResponse<String> badIp = price(trusting, "?usd=1", "not-an-ip");
        assertEquals(400, badIp.statusCode());
        assertEquals("x-client-ip is not an IP address: not-an-ip", JSON.readTree(badIp.body()).get("error").asText());
        assertEquals(404, trusting.get("/other").statusCode());
    }
}
