package dev.ledge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.session.GuestLog;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * /tail streams guest log lines as Server-Sent Events: a real guest's log endpoint line arrives
 * with its request id, the service and endpoint filters hold lines back, and a subscriber that
 * does not read loses lines (counted and reported) instead of growing the host's memory.
 */
class LogTailTest {
    private static final GuestLog NOWHERE = (id, source, line) -> { };

    @Test
    void aGuestsLogLineArrivesWithItsRequestIdAndFiltersHold() throws Exception {
        try (TestServer server = new TestServer(PrelinkedModule.load("tail_svc", Wat.compile("abi_errors")));
             AdminServer admin = new AdminServer(server.vertx(), Metrics.global(), server.tail)) {
            int port = admin.start("127.0.0.1", 0);
            try (SseClient all = new SseClient(port, "/tail");
                 SseClient byService = new SseClient(port, "/tail?service=tail_svc");
                 SseClient byEndpoint = new SseClient(port, "/tail?endpoint=other");
                 SseClient otherService = new SseClient(port, "/tail?service=elsewhere&endpoint=ep")) {
                assertEquals(4, server.tail.subscriberCount());
                HttpResponse<String> r = server.get("/checks");
                assertEquals("all checks passed", r.body());
                String id = server.guestLines.get(0).split(" ")[0];
                assertTrue(id.matches("[0-9a-f]{32}"), server.guestLines.toString());

                for (SseClient c : new SseClient[] {all, byService}) {
                    JsonNode line = c.nextLine();
                    assertEquals(id, line.get("request_id").asText());
                    assertEquals("tail_svc", line.get("service").asText());
                    assertEquals("ep", line.get("source").asText());
                    assertEquals("hello", line.get("line").asText());
                    assertTrue(line.get("time").asLong() > 0);
                }

                // Lines from another service and another endpoint: each filter takes only its own.
                server.tail.forService("elsewhere", NOWHERE).line("id-2", "other", "second");
                server.tail.forService("elsewhere", NOWHERE).line("id-3", "ep", "third \"quoted\"\n");
                assertEquals("second", all.nextLine().get("line").asText());
                assertEquals("third \"quoted\"\n", all.nextLine().get("line").asText());
                JsonNode first = byEndpoint.nextLine();
                assertEquals("second", first.get("line").asText(), "the ep line of tail_svc passed the endpoint filter");
                assertEquals("id-2", first.get("request_id").asText());
                JsonNode third = otherService.nextLine();
                assertEquals("third \"quoted\"\n", third.get("line").asText(), "a line passed the service and endpoint filter");

                server.get("/checks");
                String id2 = server.guestLines.get(server.guestLines.size() - 1).split(" ")[0];
                JsonNode again = byService.nextLine();
                assertEquals(id2, again.get("request_id").asText(), "elsewhere's lines passed the service filter");
            }
        }
    }

    @Test
    void aSubscriberThatDoesNotReadLosesLinesAndIsToldHowMany() throws Exception {
        try (TestServer server = new TestServer(PrelinkedModule.load("tail_slow", Wat.compile("abi_errors")));
             AdminServer admin = new AdminServer(server.vertx(), Metrics.global(), server.tail)) {
            int port = admin.start("127.0.0.1", 0);
            GuestLog log = server.tail.forService("tail_slow", NOWHERE);
            String text = "x".repeat(1000);
            int published = 30_000;
            try (SseClient slow = new SseClient(port, "/tail")) {
                // 30 MB while the client reads nothing: far past the socket buffers and the subscriber's queue.
                for (int i = 0; i < published; i++) {
                    log.line("id-" + i, "ep", text);
                }
                // Once the client reads, the queue has room again: an end marker, sent every 10 ms
                // until one gets through, shows where the stream stopped.
                java.util.concurrent.ScheduledExecutorService marker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();
                marker.scheduleWithFixedDelay(() -> {
                    if (ends.get() < 3000) {
                        log.line("end-" + ends.getAndIncrement(), "ep", "end");
                    }
                }, 10, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
                long received = 0;
                long dropped = 0;
                try {
                    SseClient.Event e = slow.next();
                    while (e.line() == null || !e.line().get("line").asText().equals("end")) {
                        if (e.line() == null) {
                            dropped += e.dropped();
                        } else {
                            received++;
                            assertEquals("id-" + (received + dropped - 1), e.line().get("request_id").asText(),
                                    "lines arrive in order, with each gap reported where it is");
                        }
                        e = slow.next();
                    }
                    dropped += e.dropped();
                    int droppedMarkers = Integer.parseInt(e.line().get("request_id").asText().substring(4));
                    assertTrue(dropped > 0, "nothing was dropped");
                    assertTrue(received > 0, "nothing was received");
                    assertEquals(published + droppedMarkers, received + dropped, received + " received, " + dropped + " dropped");
                } finally {
                    marker.shutdownNow();
                }
            }
        }
    }
}
