package dev.ledge.conformance.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.conformance.Origin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-template mode ({@code -Dconformance.runner}) exercised for real: a template that
 * names Ledge's jar the way a user would name another runtime ({@code {config}} only, the module
 * appended), and what any runner must pass through: argv after {@code --}, stderr and the exit code.
 */
class RunnerTemplateModeTest {
    @TempDir
    static Path dir;
    static Origin origin;
    static Path config;
    static CommandTemplate template;

    @BeforeAll
    static void start() throws Exception {
        origin = new Origin();
        config = Suite.config(dir, origin.port());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        template = Suite.runner("\"" + java + "\" -Dledge.coverage.file=" + System.getProperty("ledge.coverage.file", "")
                + " -jar " + System.getProperty("ledge.jar", "../wasm-host/target/ledge.jar") + " run -C {config}");
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    @Test
    void templatesSplitOnWhitespaceKeepQuotedWordsAndAppendTheModule() {
        CommandTemplate t = CommandTemplate.parse("viceroy run -C {config} --profile 'a b'");
        assertEquals(List.of("viceroy", "run", "-C", "/c/fastly.toml", "--profile", "a b", "/m.wasm", "--", "x"),
                t.command(Path.of("/c/fastly.toml"), Path.of("/m.wasm"), List.of("x")));
        assertEquals(List.of("rt", "/m.wasm", "--config=/c.toml"),
                CommandTemplate.parse("rt {module} --config={config}").command(Path.of("/c.toml"), Path.of("/m.wasm"), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandTemplate.parse("rt 'open"));
        assertTrue(e.getMessage().contains("unbalanced quote"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandTemplate.parse("  "));
    }

    @TestFactory
    DynamicContainer runCommandGuestThroughTheTemplate() {
        Suite.Run run = Suite.run(template, config, Suite.guest("rust-run_command"), Suite.GUEST_ARGS);
        assertTrue(run.stderr().contains("run_command: this line goes to stderr"), "stderr passes through; " + run.describe());
        return RunModeConformanceTest.guestResults("template rust-run_command", run);
    }

    @TestFactory
    DynamicContainer backendGuestThroughTheTemplate() {
        return RunModeConformanceTest.guestResults("template rust-backend",
                Suite.run(template, config, Suite.guest("rust-backend"), Suite.GUEST_ARGS));
    }

    @Test
    void theGuestsExitCodeIsTheRunnersOwn() {
        Suite.Run run = Suite.run(template, config, Suite.guest("rust-run_command"), List.of("exit=7"));
        assertEquals(7, run.exitCode(), run.describe());
        assertTrue(run.stderr().contains("run_command: exiting with 7"), run.describe());
    }
}
