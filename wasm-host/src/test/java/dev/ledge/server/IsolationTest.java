package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Nothing one request writes is visible to the next: the isolation fixture answers 200 only in a
 * pristine instance (globals, memory contents, memory size, data segments, tables), then dirties
 * all of it.
 */
class IsolationTest {
    @Test
    void everyRequestSeesAFreshInstance() throws Exception {
        pristineEveryTime("isolation");
    }

    /** Instances share the module's memory image; writes of every kind copy the page first. */
    @Test
    void copyOnWriteMemoryNeverLeaksAWrite() throws Exception {
        pristineEveryTime("cow_isolation");
    }

    /** Instances made from the module's template start with tables exactly as element segments leave them. */
    @Test
    void tablesStartAsTheirSegmentsLeaveThem() throws Exception {
        pristineEveryTime("tables");
    }

    private static void pristineEveryTime(String fixture) throws Exception {
        PrelinkedModule m = PrelinkedModule.load(fixture, Wat.compile(fixture));
        try (TestServer server = new TestServer(m)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(200, server.get("/seq/" + i).statusCode(), "sequential request " + i);
            }
            List<CompletableFuture<HttpResponse<Void>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                inFlight.add(server.client().sendAsync(HttpRequest.newBuilder(server.uri("/par/" + i)).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            for (int i = 0; i < inFlight.size(); i++) {
                assertEquals(200, inFlight.get(i).get().statusCode(), "concurrent request " + i);
            }
        }
    }
}
