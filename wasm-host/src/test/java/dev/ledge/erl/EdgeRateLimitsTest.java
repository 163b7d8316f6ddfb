package dev.ledge.erl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate math of rate counters and the expiry of penalty boxes, on a clock the test moves. */
class EdgeRateLimitsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final EdgeRateLimits erl = new EdgeRateLimits(nanos::get);

    private void at(double seconds) {
        nanos.set(Math.round(seconds * 1e9));
    }

    @Test
    void countsInTheCurrentSecondShowAtOnce() {
        at(100.0);
        erl.increment("rc", "a", 50);
        assertEquals(50, erl.rate("rc", "a", 1));
        assertEquals(5, erl.rate("rc", "a", 10));
        assertEquals(0, erl.rate("rc", "a", 60), "50 over 60 s is 0.83/s, rounded down");
        assertEquals(50, erl.count("rc", "a", 10));
        at(100.999);
        assertEquals(50, erl.rate("rc", "a", 1));
    }

    @Test
    void theOldestSecondOfAWindowCountsForTheFractionStillInside() {
        at(100.0);
        erl.increment("rc", "a", 40);
        at(101.25);
        // window [100.25, 101.25]: three quarters of second 100
        assertEquals(30, erl.rate("rc", "a", 1));
        assertEquals(40, erl.count("rc", "a", 10));
        at(110.5);
        // window [100.5, 110.5]: half of second 100
        assertEquals(20, erl.count("rc", "a", 10));
        assertEquals(2, erl.rate("rc", "a", 10));
        assertEquals(40, erl.count("rc", "a", 20));
        at(111.0);
        assertEquals(0, erl.count("rc", "a", 10));
        at(160.0);
        assertEquals(40, erl.count("rc", "a", 60));
        at(160.5);
        assertEquals(20, erl.count("rc", "a", 60));
        at(161.0);
        assertEquals(0, erl.count("rc", "a", 60));
    }

    @Test
    void bucketsAddUpOverSecondsAndStartAfreshAfterAnIdleMinute() {
        for (int sec = 0; sec < 10; sec++) {
            at(200 + sec);
            erl.increment("rc", "a", 10);
        }
        at(209.5);
        assertEquals(100, erl.count("rc", "a", 10));
        assertEquals(10, erl.rate("rc", "a", 10));
        assertEquals(15, erl.rate("rc", "a", 1), "all of second 209 and the later half of 208");
        at(500.0);
        assertEquals(0, erl.count("rc", "a", 60));
        erl.increment("rc", "a", 7);
        assertEquals(7, erl.count("rc", "a", 10));
    }

    @Test
    void countersAndEntriesAreSeparate() {
        at(5.0);
        erl.increment("rc", "a", 3);
        erl.increment("rc", "b", 4);
        erl.increment("other", "a", 5);
        assertEquals(3, erl.count("rc", "a", 10));
        assertEquals(4, erl.count("rc", "b", 10));
        assertEquals(5, erl.count("other", "a", 10));
        assertEquals(0, erl.count("rc", "never", 10));
    }

    @Test
    void checkRateBlocksAboveTheLimitAndKeepsBlockingWhileThePenaltyRuns() {
        at(1000.0);
        for (int i = 0; i < 5; i++) {
            assertFalse(erl.checkRate("rc", "ip", 10, 10, 5, "pb", 2), "call " + i + ": rate " + (i + 1) * 10 / 10);
        }
        assertFalse(erl.penalized("pb", "ip"));
        assertTrue(erl.checkRate("rc", "ip", 10, 10, 5, "pb", 2), "60 in 10 s is 6/s, above 5");
        assertTrue(erl.penalized("pb", "ip"));
        at(1100.0);
        assertEquals(0, erl.rate("rc", "ip", 10));
        assertTrue(erl.checkRate("rc", "ip", 0, 10, 5, "pb", 2), "still in the penalty box");
        at(1119.999);
        assertTrue(erl.penalized("pb", "ip"));
        at(1120.0);
        assertFalse(erl.penalized("pb", "ip"), "two minutes are over");
        assertFalse(erl.checkRate("rc", "ip", 1, 10, 5, "pb", 2));
    }

    @Test
    void penaltyBoxesExpireAndCanBeRenewed() {
        at(0.0);
        erl.penalize("pb", "x", 1);
        assertTrue(erl.penalized("pb", "x"));
        assertFalse(erl.penalized("pb2", "x"));
        assertFalse(erl.penalized("pb", "y"));
        at(30.0);
        erl.penalize("pb", "x", 1);
        at(60.0);
        assertTrue(erl.penalized("pb", "x"), "renewed at 30 s for a minute");
        at(90.0);
        assertFalse(erl.penalized("pb", "x"));
    }

    @Test
    void windowsDurationsAndTtlsAreFastlysValues() {
        for (long w = 0; w <= 100; w++) {
            assertEquals(w == 1 || w == 10 || w == 60, EdgeRateLimits.isRateWindow(w), "window " + w);
            assertEquals(w >= 10 && w <= 60 && w % 10 == 0, EdgeRateLimits.isCountDuration(w), "duration " + w);
        }
        assertEquals(-1, EdgeRateLimits.penaltyMinutes(0));
        assertEquals(-1, EdgeRateLimits.penaltyMinutes(59));
        assertEquals(1, EdgeRateLimits.penaltyMinutes(60));
        assertEquals(1, EdgeRateLimits.penaltyMinutes(119));
        assertEquals(60, EdgeRateLimits.penaltyMinutes(3600));
        assertEquals(60, EdgeRateLimits.penaltyMinutes(3659));
        assertEquals(-1, EdgeRateLimits.penaltyMinutes(3660));
        assertThrows(IllegalArgumentException.class, () -> erl.rate("rc", "a", 5));
        assertThrows(IllegalArgumentException.class, () -> erl.count("rc", "a", 15));
    }

    @Test
    void idleEntriesAreDroppedAsTimeMovesOn() {
        at(0.0);
        for (int i = 0; i < 1000; i++) {
            erl.increment("rc", "e" + i, 1);
        }
        assertEquals(1000, erl.trackedEntries());
        at(61.0);
        erl.increment("rc", "fresh", 1);
        assertEquals(1, erl.trackedEntries());
        assertEquals(1, erl.count("rc", "fresh", 10));
    }

    @Test
    void largeDeltasSaturateWithinASecondButAddUpAcrossSeconds() {
        at(0.0);
        erl.increment("rc", "a", 0xFFFF_FFFFL);
        erl.increment("rc", "a", 0xFFFF_FFFFL);
        assertEquals(0xFFFF_FFFFL, erl.count("rc", "a", 10));
        for (int sec = 1; sec < 4; sec++) {
            at(sec);
            erl.increment("rc", "a", 0xFFFF_FFFFL);
        }
        assertEquals(4 * 0xFFFF_FFFFL, erl.count("rc", "a", 10));
    }

    @Test
    void concurrentIncrementsAreAllCounted() throws Exception {
        at(50.0);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    erl.increment("rc", "shared", 1);
                    erl.checkRate("rc2", "shared", 1, 1, 1_000_000, "pb", 1);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(40_000, erl.count("rc", "shared", 10));
        assertEquals(40_000, erl.count("rc2", "shared", 10));
    }
}
