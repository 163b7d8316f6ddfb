package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The echo contract that the Rust, Go and JS samples share, over real HTTP on loopback: echo of
 * method, URI, headers (multi-value) and body, a 1 MiB body, non-200 statuses, a streamed
 * response, a trap, a guest that sends nothing, per-request isolation and the guest environment.
 */
class EchoContractTest {
    private static TestServer server(String lang) {
        return Samples.server(lang + "-echo");
    }

    private static HttpResponse<byte[]> send(TestServer s, HttpRequest req) throws IOException, InterruptedException {
        return s.client().send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void echoesMethodUriHeadersAndBody(String lang) throws Exception {
        TestServer s = server(lang);
        HttpRequest req = HttpRequest.newBuilder(s.uri("/echo/some/path?q=1&r=two"))
                .header("X-One", "1")
                .header("X-Multi", "a")
                .header("X-Multi", "b")
                .POST(HttpRequest.BodyPublishers.ofString("hello, edge"))
                .build();
        HttpResponse<String> r = s.send(req);
        assertEquals(200, r.statusCode());
        assertEquals("POST", r.headers().firstValue("x-echo-method").orElse(null));
        assertEquals("http://127.0.0.1:" + s.port() + "/echo/some/path?q=1&r=two", r.headers().firstValue("x-echo-uri").orElse(null));
        assertEquals(List.of("1"), r.headers().allValues("echo-x-one"));
        // The JS SDK's Headers join repeated values (Fetch semantics); Rust and Go see each value.
        assertEquals(lang.equals("js") ? List.of("a, b") : List.of("a", "b"), r.headers().allValues("echo-x-multi"));
        assertEquals("hello, edge", r.body());
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            HttpResponse<String> m = s.send(HttpRequest.newBuilder(s.uri("/m")).method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(method, m.headers().firstValue("x-echo-method").orElse(null), lang + " " + method);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void echoesAOneMebibyteBody(String lang) throws Exception {
        TestServer s = server(lang);
        byte[] payload = new byte[1 << 20];
        new Random(42).nextBytes(payload);
        HttpResponse<byte[]> r = send(s, HttpRequest.newBuilder(s.uri("/big")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build());
        assertEquals(200, r.statusCode());
        assertArrayEquals(payload, r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void answersTheStatusTheGuestSets(String lang) {
        TestServer s = server(lang);
        for (int status : new int[] {201, 404, 503}) {
            HttpResponse<String> r = s.get("/status/" + status);
            assertEquals(status, r.statusCode());
            assertEquals("status " + status + "\n", r.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void streamsAResponseHeadersFirst(String lang) {
        HttpResponse<String> r = server(lang).get("/stream/5");
        assertEquals(200, r.statusCode());
        assertEquals("1", r.headers().firstValue("x-streamed").orElse(null));
        assertFalse(r.headers().firstValue("content-length").isPresent(), "a streamed response has no length");
        assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(null));
        assertEquals("chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n", r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void aTrappingHandlerGives500AndTheServerGoesOn(String lang) {
        TestServer s = server(lang);
        assertEquals(500, s.get("/trap").statusCode());
        assertEquals(200, s.get("/after-trap").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void aHandlerThatSendsNothingGives200Empty(String lang) {
        HttpResponse<String> r = server(lang).get("/nothing");
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"js"})
    void theJsSdkAnswersAHandlerThatNeverResponds(String lang) {
        // @fastly/js-compute sends its own 500 when the fetch handler does not call respondWith.
        assertEquals(500, server(lang).get("/nothing").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void everyRequestStartsFromAFreshInstance(String lang) {
        TestServer s = server(lang);
        String expected = lang.equals("js") ? "counter=1" : "counter=1 dirty=false";
        for (int i = 0; i < 5; i++) {
            assertEquals(expected, s.get("/counter").body().trim());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go"})
    void theGuestSeesItsArgvAndAFreshTraceIdPerRequest(String lang) {
        TestServer s = server(lang);
        HttpResponse<String> a = s.get("/env");
        HttpResponse<String> b = s.get("/env");
        String idA = a.headers().firstValue("x-echo-trace-id").orElse("");
        String idB = b.headers().firstValue("x-echo-trace-id").orElse("");
        assertTrue(idA.matches("[0-9a-f]{32}"), idA);
        assertNotEquals(idA, idB);
        assertEquals("compute-app", a.headers().firstValue("x-echo-argv").orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rust", "go", "js"})
    void speaksH2c(String lang) throws Exception {
        TestServer s = server(lang);
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(s.uri("/h2")).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r2 = h2.send(HttpRequest.newBuilder(s.uri("/h2-again")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r2.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, r2.version());
        assertEquals(200, r.statusCode());
    }
}
