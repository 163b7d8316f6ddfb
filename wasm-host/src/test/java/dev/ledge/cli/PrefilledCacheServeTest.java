package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.testing.RawHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `ledge compile` fills a compile cache, then `ledge serve` with it answers its first request
 * from the cached code (loaded ahead while Vert.x starts) for the Rust and Go hello samples.
 */
class PrefilledCacheServeTest {
    @TempDir
    Path cache;

    private void compile(Path wasm) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("compile", "--cache-dir", cache.toString(), wasm.toString()), out.toString());
    }

    private void servesFromTheCache(String sample) throws Exception {
        Path wasm = Serving.sample(sample);
        compile(wasm);
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--addr", "127.0.0.1:0", "--cache-dir", cache.toString(), wasm.toString());
        try (ServeSetup.Running r = ServeSetup.start(cmd, null)) {
            PrelinkedModule m = r.services().router().fallback().activeModule();
            assertTrue(m.compiled().fromCache(), sample + " was not loaded from the compile cache");
            RawHttp.Response res = RawHttp.request(r.port(), "GET", "/", "localhost");
            assertEquals(200, res.status(), res.body());
            assertTrue(res.body().startsWith("Hello from Ledge"), res.body());
        }
    }

    @Test
    void rustHelloAnswersFromAPrefilledCache() throws Exception {
        servesFromTheCache("rust-hello");
    }

    @Test
    void goHelloAnswersFromAPrefilledCache() throws Exception {
        servesFromTheCache("go-hello");
    }
}
