package dev.ledge.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short soak (15 s by default; {@code -Dledge.soak.seconds=60} for the long one, which
 * scripts/soak.sh runs): well-behaved, trapping, looping and memory-hungry requests over 64
 * connections. Well-behaved requests all succeed, every other behaviour is answered as it should
 * be, nothing fails inside the host, no sandbox or session is left behind, and the heap is flat.
 */
class SoakTest {
    @Test
    void mixedGuestsLeaveNothingBehind() throws Exception {
        int seconds = Integer.getInteger("ledge.soak.seconds", 15);
        SoakRun run = new SoakRun(seconds, Integer.getInteger("ledge.soak.connections", 64)).run();
        String report = run.report();
        System.out.println("SoakTest:\n" + report);
        Path out = Path.of(System.getProperty("ledge.test.work", "target/test-work"), "soak-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        for (SoakRun.Behaviour b : SoakRun.Behaviour.values()) {
            assertTrue(run.sent.containsKey(b) && run.sent.get(b).get() > 0, "some " + b + " requests were sent");
        }
        assertEquals(List.of(), run.unexpected, "answers that were not what the behaviour calls for");
        assertEquals(List.of(), run.hostProblems, "problems logged inside the host");
        assertEquals(0, run.sandboxesLeft, "sandboxes still running after the load stopped");
        assertTrue(run.sessionsAlive <= 8, "sessions not reclaimed after GC: " + run.sessionsAlive);
        long margin = Math.max(64L << 20, run.heapBefore / 2);
        assertTrue(run.heapAfter <= run.heapBefore + margin,
                "heap after GC grew from " + (run.heapBefore >> 20) + " MiB to " + (run.heapAfter >> 20) + " MiB");
    }
}
