package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.CpuLane;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.SandboxLimits;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Heavy guests share the lane's turns: with one turn, of three looping guests at most one runs at
 * a time while the others wait; a guest waiting for its turn is still stopped at its wall-clock
 * deadline; light requests pass while the lane is full.
 */
class CpuLaneTest {
    @AfterEach
    void defaultLane() {
        CpuLane.configure(CpuLane.defaultTurns(), CpuLane.DEFAULT_HEAVY_AFTER_MS);
    }

    @Test
    void heavyGuestsTakeTurnsAndLightOnesPass() throws Exception {
        CpuLane.configure(1, 20);
        PrelinkedModule soak = PrelinkedModule.load("soak", Wat.compile("soak"));
        PrelinkedModule looping = soak.withLimits(new SandboxLimits(400, 60_000, SandboxLimits.DEFAULT_MEMORY_CAP_BYTES));
        try (TestServer loops = new TestServer(looping); TestServer light = new TestServer(soak)) {
            List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                running.add(loops.client().sendAsync(java.net.http.HttpRequest.newBuilder(loops.uri("/loop")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int maxRunning = 0;
            int maxWaiting = 0;
            boolean lightPassed = false;
            while (!running.stream().allMatch(CompletableFuture::isDone)) {
                maxRunning = Math.max(maxRunning, CpuLane.heavyRunning());
                maxWaiting = Math.max(maxWaiting, CpuLane.heavyWaiting());
                if (maxWaiting > 0 && !lightPassed) {
                    assertEquals(200, light.get("/ok").statusCode(), "a light request passes while heavy guests wait");
                    lightPassed = true;
                }
                Thread.sleep(5);
            }
            for (CompletableFuture<HttpResponse<String>> f : running) {
                assertEquals(503, f.get().statusCode());
                assertTrue(f.get().body().contains("CPU budget of 400 ms"), f.get().body());
            }
            assertEquals(1, maxRunning, "one heavy guest at a time");
            assertTrue(maxWaiting >= 1, "the other heavy guests waited for their turn");
            assertTrue(lightPassed, "a light request was sent while the lane was full");
            assertEquals(0, CpuLane.heavyRunning(), "every turn was given back");
        }
    }

    @Test
    void aGuestWaitingForItsTurnIsStillStoppedAtItsDeadline() throws Exception {
        CpuLane.configure(1, 20);
        PrelinkedModule hog = PrelinkedModule.load("soak", Wat.compile("soak"))
                .withLimits(new SandboxLimits(60_000, 1_500, SandboxLimits.DEFAULT_MEMORY_CAP_BYTES));
        try (TestServer server = new TestServer(hog)) {
            List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(server.client().sendAsync(java.net.http.HttpRequest.newBuilder(server.uri("/loop")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : running) {
                assertEquals(503, f.get().statusCode());
                assertTrue(f.get().body().contains("wall-clock deadline of 1500 ms"), f.get().body());
            }
            assertEquals(0, CpuLane.heavyRunning());
            assertEquals(0, CpuLane.heavyWaiting());
        }
    }
}
