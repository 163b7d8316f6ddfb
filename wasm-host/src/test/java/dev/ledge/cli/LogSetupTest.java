package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Log lines carry their time exactly as Instant.toString writes it, though without its formatter. */
class LogSetupTest {
    private static void same(long millis) {
        StringBuilder sb = new StringBuilder();
        LogSetup.appendInstant(sb, millis);
        assertEquals(Instant.ofEpochMilli(millis).toString(), sb.toString(), "at " + millis + " ms");
    }

    @Test
    void timesAreWrittenAsInstantWritesThem() {
        long[] edges = {0, 1, 999, 1000, -1, -1000, -86_400_000L, 951_782_400_000L, 1_795_806_978_123L,
            253_402_300_799_999L, 253_402_300_800_000L, -62_135_596_800_001L, Long.MAX_VALUE / 1000, Long.MIN_VALUE / 1000};
        for (long e : edges) {
            same(e);
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            same(r.nextLong(-100_000_000_000_000L, 300_000_000_000_000L));
        }
    }
}
