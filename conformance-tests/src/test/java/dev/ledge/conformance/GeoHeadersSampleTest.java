package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.geo.TestDatabases;
import dev.ledge.testing.TestServer;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The geo_headers proxy sample in Rust, Go and JS, each with its own fastly.toml (origin URL
 * pointed at a real origin that reports the headers it received): the origin sees the visitor's
 * country, city, region, continent and AS as x-geo-* headers, from the MaxMind test databases
 * (city and ASN) or from the shipped inline table; spoofed x-geo-* headers never reach it; the
 * request body and the origin's answer pass through. Every language gets the same assertions.
 */
class GeoHeadersSampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static HeaderEchoOrigin origin;
    private static final Map<String, Servers> SERVERS = new ConcurrentHashMap<>();

    /** The shipped table, the test databases, the databases without trust, and an origin nobody listens on. */
    private record Servers(TestServer shipped, TestServer databases, TestServer untrusting, TestServer noOrigin) {
        void close() {
            Stream.of(shipped, databases, untrusting, noOrigin).forEach(TestServer::close);
        }
    }

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = new HeaderEchoOrigin();
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(Servers::close);
        origin.close();
        Samples.release("geo_headers");
    }

    private static Servers servers(String lang) {
        return SERVERS.computeIfAbsent(lang, GeoHeadersSampleTest::start);
    }

    private static Servers start(String lang) {
        try {
            PrelinkedModule module = Samples.module(SampleSources.module(lang, "geo_headers"));
            String shipped = SampleSources.readFastlyToml(lang, "geo_headers");
            assertTrue(shipped.contains("http://127.0.0.1:8080"), lang + " fastly.toml names the origin http://127.0.0.1:8080");
            String local = shipped.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + origin.port());
            int geo = local.indexOf("[local_server.geolocation]");
            assertTrue(geo > 0, lang + " fastly.toml must end with its geolocation table");
            String withDatabases = local.substring(0, geo) + "[local_server.geolocation]\ndatabases = ['"
                    + TestDatabases.dir().resolve("city.mmdb").toAbsolutePath() + "', '"
                    + TestDatabases.dir().resolve("asn.mmdb").toAbsolutePath() + "']\n";
            String noTrust = withDatabases.replace("trust_client_ip_header = \"true\"", "");
            assertFalse(noTrust.equals(withDatabases), "the shipped fastly.toml turns the trust switch on");
            int closedPort;
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            String noOrigin = shipped.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + closedPort);
            return new Servers(server(module, lang + "-shipped", local), server(module, lang + "-databases", withDatabases),
                    server(module, lang + "-untrusting", noTrust), server(module, lang + "-no-origin", noOrigin));
        } catch (Exception e) {
            throw new AssertionError("starting the " + lang + " geo_headers servers failed: " + e, e);
        }
    }

    private static TestServer server(PrelinkedModule module, String name, String toml) throws Exception {
        return new TestServer(module, 8, FastlyToml.load(Files.writeString(dir.resolve(name + ".toml"), toml)));
    }

    /** What the origin received for a GET of /products?page=2 claiming {@code clientIp}. */
    private static JsonNode seenBy(TestServer server, String clientIp, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/products?page=2"));
        if (clientIp != null) {
            b.header("x-client-ip", clientIp);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = server.send(b.build());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("header-echo", r.headers().firstValue("x-origin").orElse(null));
        JsonNode seen = JSON.readTree(r.body());
        assertEquals("/products?page=2", seen.get("uri").asText());
        return seen;
    }

    /** The x-geo-* headers the origin saw, each decoded (%XX is UTF-8), by name. */
    private static Map<String, String> geoHeaders(JsonNode seen) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = seen.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            if (h.getKey().startsWith("x-geo-")) {
                assertEquals(1, h.getValue().size(), h.getKey() + " is sent once: " + h.getValue());
                String raw = h.getValue().get(0).asText();
                assertTrue(raw.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII only: " + raw);
                out.put(h.getKey(), URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static Stream<Arguments> cities() {
        // ip, then header=value pairs the origin must see (exactly these x-geo-* headers).
        String[][] rows = {
            {"181.0.0.1", "country-code=AR", "country-name=Argentina", "region=C", "city=Buenos Aires",
                "postal-code=C1000", "continent=SA", "asn=7303", "as-name=Telecom Argentina S.A."},
            {"187.130.0.1", "country-code=MX", "country-name=Mexico", "region=CMX", "city=Mexico City",
                "postal-code=06000", "continent=NA", "asn=8151", "as-name=UNINET"},
            {"177.0.0.1", "country-code=BR", "country-name=Brazil", "region=SP", "city=São Paulo",
                "postal-code=01000-000", "continent=SA"},
            {"80.58.0.1", "country-code=ES", "country-name=Spain", "region=MD", "city=Madrid",
                "postal-code=28001", "continent=EU", "asn=3352", "as-name=TELEFONICA DE ESPANA S.A.U."},
            {"2804:14c::1", "country-code=BR", "country-name=Brazil", "region=SP", "city=São Paulo",
                "continent=SA", "asn=28573", "as-name=Claro NXT Telecomunicacoes Ltda"},
            {"190.0.0.1", "country-code=UY", "country-name=Uruguay", "continent=SA"},
            {"192.0.2.1"},
        };
        return SampleSources.LANGUAGES.stream().flatMap(lang -> Arrays.stream(rows)
                .map(r -> Arguments.of(lang, r[0], Arrays.copyOfRange(r, 1, r.length))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cities")
    void theOriginSeesWhereTheVisitorIs(String lang, String ip, String[] expected) throws Exception {
        Map<String, String> want = new TreeMap<>();
        want.put("x-geo-ip", ip);
        for (String e : expected) {
            String[] kv = e.split("=", 2);
            want.put("x-geo-" + kv[0], kv[1]);
        }
        assertEquals(want, geoHeaders(seenBy(servers(lang).databases(), ip)));
    }

    @EachLanguage
    void nonAsciiValuesArePercentEncodedUtf8(String lang) throws Exception {
        JsonNode seen = seenBy(servers(lang).databases(), "177.0.0.1");
        assertEquals("S%C3%A3o Paulo", seen.get("headers").get("x-geo-city").get(0).asText());
    }

    @EachLanguage
    void theShippedConfigurationLocatesItsFourInlineAddresses(String lang) throws Exception {
        TestServer shipped = servers(lang).shipped();
        Map<String, String> ar = geoHeaders(seenBy(shipped, "181.0.0.1"));
        assertEquals("Buenos Aires", ar.get("x-geo-city"));
        assertEquals("7303", ar.get("x-geo-asn"));
        assertEquals("Telecom Argentina S.A.", ar.get("x-geo-as-name"));
        assertEquals("Mexico City", geoHeaders(seenBy(shipped, "187.130.0.1")).get("x-geo-city"));
        assertEquals("São Paulo", geoHeaders(seenBy(shipped, "177.0.0.1")).get("x-geo-city"));
        Map<String, String> es = geoHeaders(seenBy(shipped, "80.58.0.1"));
        assertEquals("ES", es.get("x-geo-country-code"));
        assertEquals("Madrid", es.get("x-geo-city"));
        assertFalse(es.containsKey("x-geo-asn"), "no AS number given for Madrid: " + es);
    }

    @EachLanguage
    void withoutTheTrustSwitchTheSocketAddressIsLocated(String lang) throws Exception {
        // 127.0.0.1 gets Fastly's default loopback record; the claimed Madrid address is ignored.
        Map<String, String> geo = geoHeaders(seenBy(servers(lang).untrusting(), "80.58.0.1"));
        assertEquals("127.0.0.1", geo.get("x-geo-ip"));
        assertEquals("US", geo.get("x-geo-country-code"));
        assertEquals("San Francisco", geo.get("x-geo-city"));
        assertEquals("54113", geo.get("x-geo-asn"));
        assertEquals("Fastly, Inc", geo.get("x-geo-as-name"));
    }

    @EachLanguage
    void spoofedGeoHeadersNeverReachTheOrigin(String lang) throws Exception {
        JsonNode seen = seenBy(servers(lang).databases(), "192.0.2.1",
                "x-geo-city", "Atlantis", "X-Geo-Country-Code", "ZZ", "x-geo-anything", "1", "x-trace", "t-9");
        assertEquals(Map.of("x-geo-ip", "192.0.2.1"), geoHeaders(seen));
        assertEquals("t-9", seen.get("headers").get("x-trace").get(0).asText(), "other headers pass through");
    }

    @EachLanguage
    void theBodyGoesThroughAndTheAnswerStreamsBack(String lang) throws Exception {
        TestServer server = servers(lang).databases();
        byte[] payload = new byte[1 << 20];
        new Random(5).nextBytes(payload);
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/upload"))
                .header("x-client-ip", "80.58.0.1").POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode seen = JSON.readTree(r.body());
        assertEquals("POST", seen.get("method").asText());
        assertEquals(payload.length, seen.get("body_length").asLong());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)),
                seen.get("body_sha256").asText());
        assertEquals("Madrid", seen.get("headers").get("x-geo-city").get(0).asText());

        HttpResponse<byte[]> big = server.client().send(HttpRequest.newBuilder(server.uri("/big/32")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, big.statusCode());
        assertEquals(32 * 64 * 1024, big.body().length);
    }

    @EachLanguage
    void aTrustedHeaderThatIsNoAddressIsRefused(String lang) throws Exception {
        int before = origin.requests();
        HttpResponse<String> r = servers(lang).databases().send(HttpRequest.newBuilder(servers(lang).databases().uri("/x"))
                .header("x-client-ip", "not-an-ip").build());
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("x-client-ip is not an IP address: not-an-ip", JSON.readTree(r.body()).get("error").asText());
        assertEquals(before, origin.requests(), "a refused request never reaches the origin");
    }

    @EachLanguage
    void anUnreachableOriginIsABadGateway(String lang) throws Exception {
        HttpResponse<String> r = servers(lang).noOrigin().get("/products");
        assertEquals(502, r.statusCode(), r.body());
        String error = JSON.readTree(r.body()).get("error").asText();
        assertTrue(error.startsWith("origin: "), error);
    }
}
