package dev.ledge.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JIT mode is read from this JVM's own options, and the advice names what is missing. */
class JitModeTest {
    @Test
    void followsTheCommandLine() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean huge = args.contains("-XX:-DontCompileHugeMethods");
        boolean c1 = args.contains("-XX:TieredStopAtLevel=1");
        assertEquals(huge, JitMode.hugeMethodsCompiled());
        assertEquals(c1, JitMode.c1Only());
        assertEquals((c1 ? "C1 only" : "tiered C1+C2") + (huge ? ", huge methods compiled" : ", huge methods not compiled"),
                JitMode.describe());
        if (huge && c1) {
            assertNull(JitMode.advice());
        } else {
            assertTrue(JitMode.advice().contains("-XX:TieredStopAtLevel=1 -XX:-DontCompileHugeMethods"), JitMode.advice());
            assertTrue(JitMode.advice().endsWith(JitMode.describe()), JitMode.advice());
        }
    }
}
