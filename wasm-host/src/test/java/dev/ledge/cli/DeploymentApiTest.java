package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.deploy.Deployments;
import dev.ledge.testing.Wat;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin address's deployment API: off without a token, 401 with a wrong one; a deploy swaps
 * the version new requests get while a request in flight finishes on the old one; bad uploads are
 * refused with the reason while the old version keeps serving; versions are listed, rolled back
 * and outlive a restart on the same state directory.
 */
class DeploymentApiTest {
    private static final String TOKEN = "s3cret-token";
    private static final String HELLO = "Hello from Ledge (rust)!\n";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Vertx vertx = Vertx.vertx();
    /** Completed to let the origin answer; until then it holds every request. */
    private final Promise<Void> release = Promise.promise();
    private final CountDownLatch originReached = new CountDownLatch(1);
    private HttpServer origin;

    @TempDir
    Path dir;

    @BeforeEach
    void startOrigin() throws Exception {
        origin = vertx.createHttpServer().requestHandler(req -> {
            originReached.countDown();
            release.future().onComplete(v -> req.response().end("from origin\n"));
        });
        origin.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopOrigin() {
        vertx.close();
    }

    private Path servicesFile(String module) throws Exception {
        Files.write(dir.resolve("proxy.wasm"), Wat.compile("proxy"));
        Files.copy(Serving.sample("rust-echo"), dir.resolve("echo.wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Serving.write(dir, "app.toml", "[local_server.backends.origin]\nurl = \"http://127.0.0.1:" + origin.actualPort() + "\"\n");
        return Serving.write(dir, "services.toml", """
                [services.app]
                module = "%s"
                config = "app.toml"
                default = true
                """.formatted(module));
    }

    private ServeSetup.Running serve(Path services, String token) {
        return token == null
                ? Serving.serve(null, "--services", services.toString(), "--admin-addr", "127.0.0.1:0", "--state-dir", dir.resolve("state").toString())
                : Serving.serve(null, "--services", services.toString(), "--admin-addr", "127.0.0.1:0", "--admin-token", token,
                        "--state-dir", dir.resolve("state").toString());
    }

    private HttpResponse<String> admin(ServeSetup.Running r, String method, String path, String token, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.adminPort() + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(ServeSetup.Running r, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void withoutATokenTheApiIsNotServed() throws Exception {
        try (ServeSetup.Running r = serve(servicesFile("proxy.wasm"), null)) {
            assertEquals(404, admin(r, "GET", "/services", TOKEN, null).statusCode());
            assertEquals(405, admin(r, "PUT", "/services/app/versions", TOKEN, Wat.compile("nothing")).statusCode());
            assertEquals(200, admin(r, "GET", "/metrics", null, null).statusCode(), "/metrics is served as before");
        }
    }

    @Test
    void aMissingOrWrongTokenGets401() throws Exception {
        try (ServeSetup.Running r = serve(servicesFile("proxy.wasm"), TOKEN)) {
            HttpResponse<String> none = admin(r, "GET", "/services", null, null);
            assertEquals(401, none.statusCode());
            assertTrue(json(none).get("error").asText().contains("admin token"), none.body());
            assertEquals("Bearer realm=\"ledge admin\"", none.headers().firstValue("www-authenticate").orElse(""));
            assertEquals(401, admin(r, "GET", "/services", TOKEN + "x", null).statusCode());
            assertEquals(401, admin(r, "PUT", "/services/app/versions", "wrong", Wat.compile("nothing")).statusCode());
            JsonNode list = json(admin(r, "GET", "/services", TOKEN, null));
            assertEquals("app", list.get("services").get(0).get("name").asText());
            assertEquals(1, list.get("services").get(0).get("active_version").asInt());
        }
    }

    @Test
    void theTokenMayComeFromTheEnvironment() throws Exception {
        try (ServeSetup.Running r = Serving.serve("from-env", "--services", servicesFile("proxy.wasm").toString(),
                "--admin-addr", "127.0.0.1:0", "--state-dir", dir.resolve("state").toString())) {
            assertEquals(200, admin(r, "GET", "/services", "from-env", null).statusCode());
            assertEquals(401, admin(r, "GET", "/services", TOKEN, null).statusCode());
        }
    }

    @Test
    void deployListRollBackRefuseAndRestart() throws Exception {
        Path services = servicesFile("proxy.wasm");
        byte[] hello = Files.readAllBytes(Serving.sample("rust-hello"));
        try (ServeSetup.Running r = serve(services, TOKEN)) {
            // A request on version 1 (the proxy) waits on the origin while version 2 is deployed.
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/slow")).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(originReached.await(30, TimeUnit.SECONDS), "the request reached the origin");

            HttpResponse<String> deployed = admin(r, "PUT", "/services/app/versions", TOKEN, hello);
            assertEquals(201, deployed.statusCode(), deployed.body());
            JsonNode v2 = json(deployed);
            assertEquals(2, v2.get("id").asInt());
            assertEquals(Deployments.sha256(hello), v2.get("sha256").asText());
            assertTrue(v2.get("active").asBoolean());

            assertEquals(HELLO, get(r, "/").body(), "new requests get version 2 at once");
            assertFalse(inFlight.isDone(), "the old version's request is still waiting on the origin");
            release.complete();
            HttpResponse<String> old = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, old.statusCode());
            assertEquals("from origin\n", old.body(), "the request in flight finished on version 1");

            JsonNode list = json(admin(r, "GET", "/services/app/versions", TOKEN, null));
            assertEquals(2, list.get("active_version").asInt());
            assertEquals(2, list.get("versions").size());
            assertEquals(1, list.get("versions").get(0).get("id").asInt());
            assertFalse(list.get("versions").get(0).get("active").asBoolean());
            assertEquals("configured: proxy.wasm", list.get("versions").get(0).get("source").asText());
            assertTrue(list.get("versions").get(1).get("deployed").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));

            refused(r, "text".getBytes(), "not a Wasm module");
            refused(r, Arrays.copyOf(hello, hello.length / 2), "malformed or invalid Wasm");
            refused(r, Wat.compile("bad_signature"), "import fastly_http_body.new is declared as (i32 i32) -> i32");
            refused(r, Wat.compile("no_start"), "exports no _start function");
            assertEquals(HELLO, get(r, "/").body(), "version 2 keeps serving after refused uploads");
            assertEquals(2, json(admin(r, "GET", "/services/app/versions", TOKEN, null)).get("versions").size());

            HttpResponse<String> back = admin(r, "POST", "/services/app/rollback", TOKEN, null);
            assertEquals(200, back.statusCode(), back.body());
            assertEquals(1, json(back).get("id").asInt());
            assertEquals("from origin\n", get(r, "/").body(), "rolled back to the proxy");
            assertEquals(409, admin(r, "POST", "/services/app/rollback", TOKEN, null).statusCode(), "nothing before version 1");
            assertEquals(2, json(admin(r, "POST", "/services/app/rollback?to=2", TOKEN, null)).get("id").asInt());
            assertEquals(HELLO, get(r, "/").body());
            assertEquals(404, admin(r, "POST", "/services/app/rollback?to=9", TOKEN, null).statusCode());
            assertEquals(400, admin(r, "POST", "/services/app/rollback?to=two", TOKEN, null).statusCode());
            HttpResponse<String> unknown = admin(r, "PUT", "/services/shop/versions", TOKEN, hello);
            assertEquals(404, unknown.statusCode());
            assertTrue(json(unknown).get("error").asText().contains("no service named 'shop'"), unknown.body());
        }

        try (ServeSetup.Running r = serve(services, TOKEN)) {
            assertEquals(HELLO, get(r, "/").body(), "a restart serves the last deployed version");
            JsonNode list = json(admin(r, "GET", "/services/app/versions", TOKEN, null));
            assertEquals(2, list.get("active_version").asInt());
            assertEquals(1, json(admin(r, "POST", "/services/app/rollback", TOKEN, null)).get("id").asInt());
        }

        Serving.write(dir, "services.toml", Files.readString(services).replace("proxy.wasm", "echo.wasm"));
        try (ServeSetup.Running r = serve(services, TOKEN)) {
            assertEquals("GET", get(r, "/").headers().firstValue("x-echo-method").orElse(null),
                    "a services file naming another module wins over the deployed version");
            assertEquals(3, json(admin(r, "GET", "/services/app/versions", TOKEN, null)).get("active_version").asInt());
        }
    }

    @Test
    void reusableSandboxesBelongToTheirVersion() throws Exception {
        byte[] reuse = Wat.compile("reuse");
        Files.write(dir.resolve("reuse.wasm"), reuse);
        Path services = Serving.write(dir, "services.toml", "[services.app]\nmodule = \"reuse.wasm\"\ndefault = true\n");
        try (ServeSetup.Running r = serve(services, TOKEN)) {
            assertEquals(201, get(r, "/1").statusCode());
            assertEquals(202, get(r, "/2").statusCode(), "version 1's sandbox took the second request");
            assertEquals(201, admin(r, "PUT", "/services/app/versions", TOKEN, reuse).statusCode());
            assertEquals(201, get(r, "/3").statusCode(), "version 2 starts a sandbox of its own; version 1's waiting one is let go");
            assertEquals(202, get(r, "/4").statusCode(), "and reuses it");
        }
    }

    private void refused(ServeSetup.Running r, byte[] upload, String why) throws Exception {
        HttpResponse<String> resp = admin(r, "PUT", "/services/app/versions", TOKEN, upload);
        assertEquals(422, resp.statusCode(), resp.body());
        assertTrue(json(resp).get("error").asText().contains(why), resp.body());
    }
}
