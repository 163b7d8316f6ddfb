package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.Wat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines, modules and configs end the CLI with exit code 2 and one line that names the problem. */
class CliErrorsTest {
    private record Result(int code, String out, String err) {
    }

    private static Result ledge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void aMissingModuleIsNamed(@TempDir Path dir) {
        Result r = ledge("run", dir.resolve("nope.wasm").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("ledge: ") && r.err().contains("nope.wasm: no such file"), r.err());
    }

    @Test
    void aMalformedModuleIsNamed(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.wasm"), "not wasm at all");
        Result r = ledge("run", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.wasm: not a Wasm module"), r.err());
    }

    @Test
    void aBadFastlyTomlIsNamedBeforeTheModuleLoads(@TempDir Path dir) throws Exception {
        Path toml = Files.writeString(dir.resolve("fastly.toml"), "[local_server.backends.x]\nurl = 7\n");
        Result r = ledge("run", "-C", toml.toString(), dir.resolve("whatever.wasm").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(toml + ": [local_server.backends.x] key 'url'"), r.err());
    }

    @Test
    void aBadAddressIsExplained(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("nothing.wasm"), Wat.compile("nothing"));
        Result r = ledge("serve", wasm.toString(), "--addr", "localhost");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("expected HOST:PORT"), r.err());
        Result port = ledge("serve", wasm.toString(), "--addr", "127.0.0.1:99999");
        assertTrue(port.err().contains("port must be a number from 0 to 65535"), port.err());
    }

    @Test
    void badLimitsAreRefused(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("nothing.wasm"), Wat.compile("nothing"));
        Result r = ledge("run", "--cpu-budget-ms", "0", wasm.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("must be positive"), r.err());
        Result lane = ledge("serve", wasm.toString(), "--heavy-turns", "0");
        assertEquals(2, lane.code());
        assertTrue(lane.err().contains("--heavy-after-ms and --heavy-turns must be positive"), lane.err());
        Result budget = ledge("run", "--guest-memory-budget-mib", "0", wasm.toString());
        assertEquals(2, budget.code());
        assertTrue(budget.err().contains("--guest-memory-budget-mib must be positive"), budget.err());
    }

    @Test
    void runPassesTheExitCodeThrough(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("exit3.wasm"), Wat.compile("exit3"));
        assertEquals(3, ledge("run", wasm.toString()).code());
        Path trap = Files.write(dir.resolve("trap.wasm"), Wat.compile("trap"));
        assertEquals(134, ledge("run", trap.toString()).code());
    }
}
