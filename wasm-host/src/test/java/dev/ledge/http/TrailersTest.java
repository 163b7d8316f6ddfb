package dev.ledge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Body trailers through a real guest (src/test/wat/trailers.wat): the trailers a real origin sends
 * after a chunked body are {@code again} until the body is read, then readable by name and listed;
 * trailers the guest appends reach the client after its chunked response; a bad name is inval.
 */
class TrailersTest {
    @Test
    void trailersAreReadFromBackendsAndSentToClients(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer origin = vertx.createHttpServer().requestHandler(req -> req.response().setChunked(true)
                            .putTrailer("x-checksum", "abc").end("some data"))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            Path toml = Files.writeString(dir.resolve("fastly.toml"),
                    "[local_server.backends.origin]\nurl = \"http://127.0.0.1:" + origin.actualPort() + "\"\n");
            try (TestServer server = new TestServer(PrelinkedModule.load("trailers", Wat.compile("trailers")), 4, FastlyToml.load(toml))) {
                // The body handler is set on the event loop as the response arrives, so none of it is missed.
                HttpClientResponse[] response = new HttpClientResponse[1];
                String body = vertx.createHttpClient()
                        .request(HttpMethod.GET, server.port(), "127.0.0.1", "/")
                        .compose(r -> r.send())
                        .compose(r -> {
                            response[0] = r;
                            return r.body();
                        })
                        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).toString();
                HttpClientResponse resp = response[0];
                assertEquals("early:014 value:000:abc names:000:x-checksum, bad:002", body);
                assertEquals("yes", resp.trailers().get("x-guest"));
            }
        } finally {
            vertx.close();
        }
    }
}
