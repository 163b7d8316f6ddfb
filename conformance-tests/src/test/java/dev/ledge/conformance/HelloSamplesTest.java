package dev.ledge.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The hello samples: Rust and Go answer text and log; Fastly's JS SDK answers JSON built from the request. */
class HelloSamplesTest {
    @Test
    void rustHelloAnswersAndItsOutputReachesTheLogWithTheRequestId() {
        checkTextHello("rust");
    }

    @Test
    void goHelloAnswersAndItsOutputReachesTheLogWithTheRequestId() {
        checkTextHello("go");
    }

    private static void checkTextHello(String lang) {
        TestServer s = Samples.server(lang + "-hello");
        HttpResponse<String> r = s.get("/greet");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; charset=utf-8", r.headers().firstValue("content-type").orElse(null));
        assertEquals("Hello from Ledge (" + lang + ")!\n", r.body());
        assertTrue(s.guestLines.stream().anyMatch(l -> l.matches("[0-9a-f]{32} stdout: " + lang + ".hello: handling GET http://127.0.0.1:\\d+/greet")),
                s.guestLines.toString());
        assertTrue(s.guestLines.stream().anyMatch(l -> l.matches("[0-9a-f]{32} ledge-sample: " + lang + ".hello: GET .*/greet")),
                s.guestLines.toString());
    }

    @Test
    void jsHelloBuiltByFastlysSdkAnswersFromTheRequest() throws Exception {
        TestServer s = Samples.server("js-hello");
        HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri("/shop/item?status=201&sku=a-1"))
                .header("X-Request-Tag", "t-77").header("Accept-Language", "es-AR").GET().build());
        assertEquals(201, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(null));
        assertEquals("t-77", r.headers().firstValue("x-echo-tag").orElse(null));
        assertEquals("js-hello", r.headers().firstValue("x-ledge-sample").orElse(null));
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertEquals("GET", json.get("method").asText());
        assertEquals("/shop/item", json.get("path").asText());
        assertEquals("a-1", json.get("query").get("sku").asText());
        assertEquals("201", json.get("query").get("status").asText());
        assertEquals("t-77", json.get("headers").get("x-request-tag").asText());
        assertEquals("es-AR", json.get("headers").get("accept-language").asText());
        assertEquals("js", json.get("runtime").asText());
        HttpResponse<String> plain = s.get("/");
        assertEquals(200, plain.statusCode());
    }
}
