package dev.ledge.conformance.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.conformance.Origin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Rust test binary ({@code rustc --test --target wasm32-wasi}, guests/rust/tests.rs) whose
 * tests call hostcalls through abi/rust, run by the suite's runner like Fastly's local tool's
 * {@code run}: passing tests exit 0; the build with a failing test exits non-zero.
 */
class RustTestBinaryTest {
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

    @Test
    void passingTestsExitZero() {
        Suite.Run run = Suite.run(Suite.runner(), config, Suite.guest("rust-tests"), List.of());
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("test result: ok."), run.describe());
        assertTrue(run.stdout().contains("test stores::config_store_reads_fastly_toml ... ok"), run.describe());
    }

    @Test
    void libtestArgumentsReachTheBinary() {
        Suite.Run run = Suite.run(Suite.runner(), config, Suite.guest("rust-tests"), List.of("--exact", "headers::insert_and_read_back"));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("running 1 test"), "the filter after -- reached libtest; " + run.describe());
    }

    @Test
    void aFailingTestExitsNonZero() {
        Suite.Run run = Suite.run(Suite.runner(), config, Suite.guest("rust-tests-failing"), List.of());
        assertNotEquals(0, run.exitCode(), run.describe());
        assertTrue((run.stdout() + run.stderr()).contains("deliberately_failing"), run.describe());
    }
}
