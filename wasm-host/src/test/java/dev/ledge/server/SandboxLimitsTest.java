package dev.ledge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.ModuleRejectedException;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.engine.SandboxLimits;
import dev.ledge.testing.TestServer;
import dev.ledge.testing.Wat;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A sandbox is stopped at its CPU budget or deadline (503 with the reason) and cannot grow past its memory cap. */
class SandboxLimitsTest {
    @Test
    void anEndlessLoopIsStoppedAtItsCpuBudget() {
        PrelinkedModule m = PrelinkedModule.load("spin", Wat.compile("spin")).withLimits(new SandboxLimits(200, 60_000, 16 << 20));
        try (TestServer server = new TestServer(m)) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = server.get("/");
                assertEquals(503, r.statusCode());
                assertTrue(r.body().contains("used up its CPU budget of 200 ms"), r.body());
            }
        }
    }

    @Test
    void anEndlessLoopIsStoppedAtItsDeadline() {
        PrelinkedModule m = PrelinkedModule.load("spin", Wat.compile("spin")).withLimits(new SandboxLimits(60_000, 300, 16 << 20));
        try (TestServer server = new TestServer(m)) {
            HttpResponse<String> r = server.get("/");
            assertEquals(503, r.statusCode());
            assertTrue(r.body().contains("wall-clock deadline of 300 ms"), r.body());
        }
    }

    @Test
    void memoryGrowsUpToTheCapAndNoFurther() {
        PrelinkedModule m = PrelinkedModule.load("grow", Wat.compile("grow")).withLimits(new SandboxLimits(10_000, 60_000, 2 << 20));
        try (TestServer server = new TestServer(m)) {
            assertEquals(200, server.get("/").statusCode());
            assertEquals(200, server.get("/again").statusCode(), "every sandbox starts from its initial size");
        }
    }

    @Test
    void aModuleThatStartsAboveTheCapIsRefused() {
        PrelinkedModule m = PrelinkedModule.load("big_memory", Wat.compile("big_memory"));
        ModuleRejectedException e = assertThrows(ModuleRejectedException.class, () -> m.withLimits(new SandboxLimits(1000, 1000, 2 << 20)));
        assertTrue(e.getMessage().contains("needs 3072 KiB of memory to start, more than the cap of 2048 KiB"), e.getMessage());
    }
}
