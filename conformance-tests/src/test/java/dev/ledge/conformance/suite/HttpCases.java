package dev.ledge.conformance.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The HTTP-mode conformance case: the request the http_downstream guest expects, sent to a
 * runtime serving it at a base URL, and the guest's answer turned into one test per check.
 */
final class HttpCases {
    /** The system property pointing the HTTP cases at an already running runtime. */
    static final String URL_PROPERTY = "conformance.url";

    private HttpCases() {
    }

    /** Sends the conformance request to {@code base} and returns the results as a container. */
    static DynamicContainer results(String name, URI base) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/conformance?x=1"))
                .timeout(Duration.ofSeconds(120))
                .header("x-conformance", "yes")
                .header("x-multi", "a")
                .header("x-multi", "b")
                .POST(HttpRequest.BodyPublishers.ofString("ping-body"))
                .build();
        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        CheckLines lines = CheckLines.parse(resp.body());
        String describe = "HTTP " + resp.statusCode() + " from " + base + "\n" + resp.body();
        List<DynamicNode> tests = new ArrayList<>();
        for (CheckLines.Check c : lines.checks()) {
            tests.add(DynamicTest.dynamicTest(name + " " + c.name(), () -> assertTrue(c.passed(), c.name() + ": " + c.detail())));
        }
        tests.add(DynamicTest.dynamicTest(name + " summary", () -> {
            assertFalse(lines.checks().isEmpty(), "the guest reported no checks; " + describe);
            assertEquals(lines.checks().size(), lines.summaryTotal(), describe);
            assertEquals(String.valueOf(lines.checks().size()), resp.headers().firstValue("x-conformance-checks").orElse(""),
                    "the header set before the streamed body counts the checks; " + describe);
        }));
        tests.add(DynamicTest.dynamicTest(name + " status", () -> assertEquals(lines.failures() == 0 ? 200 : 500, resp.statusCode(),
                "200 exactly when every check passed; " + describe)));
        return DynamicContainer.dynamicContainer(name, tests);
    }
}
