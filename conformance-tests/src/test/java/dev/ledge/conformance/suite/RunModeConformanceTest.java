package dev.ledge.conformance.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.conformance.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-mode conformance guests (one ABI area each), every one run once as a command, by
 * {@code ledge run} or by the runtime named in {@code -Dconformance.runner}: one test result per
 * check the guest printed, plus its exit code (0 exactly when every check passed).
 */
class RunModeConformanceTest {
    @TempDir
    static Path dir;
    static Origin origin;
    static Path config;

    @BeforeAll
    static void start() throws Exception {
        origin = new Origin();
        config = Suite.config(dir, origin.port());
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    @TestFactory
    Stream<DynamicNode> everyRunModeGuest() {
        List<String> guests = Suite.runModeGuests();
        assertFalse(guests.isEmpty(), "no conformance guests in " + Suite.guestsDir());
        CommandTemplate runner = Suite.runner();
        return guests.stream().map(g -> guestResults(g, Suite.run(runner, config, Suite.guest(g), Suite.GUEST_ARGS)));
    }

    /** One container per guest: a test per check line, then the summary and exit-code tests. */
    static DynamicContainer guestResults(String guest, Suite.Run run) {
        CheckLines lines = CheckLines.parse(run.stdout());
        List<DynamicNode> tests = new ArrayList<>();
        for (CheckLines.Check c : lines.checks()) {
            tests.add(DynamicTest.dynamicTest(guest + " " + c.name(), () -> assertTrue(c.passed(), c.name() + ": " + c.detail())));
        }
        tests.add(DynamicTest.dynamicTest(guest + " summary", () -> {
            assertFalse(lines.checks().isEmpty(), "the guest printed no checks; " + run.describe());
            assertEquals(lines.checks().size(), lines.summaryTotal(), "checks printed vs the guest's summary; " + run.describe());
            assertEquals(lines.failures(), lines.summaryFailed(), "failures vs the guest's summary; " + run.describe());
        }));
        tests.add(DynamicTest.dynamicTest(guest + " exit code", () -> assertEquals(lines.failures() == 0 ? 0 : 1, run.exitCode(),
                "exit code 0 when every check passed, 1 otherwise; " + run.describe())));
        return DynamicContainer.dynamicContainer(guest, tests);
    }
}
