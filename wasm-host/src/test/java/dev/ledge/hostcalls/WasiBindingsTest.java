package dev.ledge.hostcalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import dev.ledge.testing.Wat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ledge's WASI bindings call Chicory's WASI implementation exactly as Chicory's own bindings do:
 * every function, called with the same arguments on two identical states (memory, preopened
 * directory, stdout/stderr, clock, random), gives the same result, memory, output and files.
 */
class WasiBindingsTest {
    private static final long[] VALUES = {0, 1, 2, 3, 4, 5, 8, 100, 2048, 4096, 65535};
    private static final String STRINGS_AT_100 = "f.txt/sub/new.txt";

    @TempDir
    Path tmp;

    @Test
    void everyChicoryWasiFunctionHasABinding() {
        List<String> chicory;
        try (WasiPreview1 w = WasiPreview1.builder().build()) {
            chicory = Arrays.stream(w.toHostFunctions()).map(HostFunction::name).sorted().collect(Collectors.toList());
        }
        assertEquals(chicory, WasiBindings.all().keySet().stream().sorted().collect(Collectors.toList()));
        for (String name : chicory) {
            assertEquals(WasiCalls.type(name), WasiCalls.link(name).functionType(), name);
        }
    }

    @Test
    void eachBindingBehavesLikeChicorysOwn() throws IOException {
        byte[] wasm = Wat.compileText("wasi_bindings_memory", "(module (memory (export \"memory\") 1))");
        Map<String, WasiBindings.Call> ours = WasiBindings.all();
        Random random = new Random(20261127);
        int calls = 0;
        for (String name : new TreeMap<>(ours).keySet()) {
            for (int variant = 0; variant < 25; variant++) {
                int arity = WasiCalls.type(name).params().size();
                long[] args = new long[arity];
                for (int k = 0; k < arity; k++) {
                    args[k] = VALUES[random.nextInt(VALUES.length)];
                }
                if (name.equals("clock_time_get")) {
                    args[0] = 0; // the realtime clock is the fixed one; the others read the machine's
                }
                // Both sides use one directory, put back as it was in between, so that stat results
                // (inode numbers, times) are the same for both.
                Path dir = tmp.resolve(name + variant);
                Side chicory = new Side(dir, wasm);
                Side ledge = new Side(dir, wasm);
                String expected;
                try (WasiPreview1 w = chicory.wasi()) {
                    HostFunction f = Arrays.stream(w.toHostFunctions()).filter(h -> h.name().equals(name)).findFirst().orElseThrow();
                    expected = outcome(() -> f.handle().apply(chicory.instance, args.clone()));
                }
                Map<String, String> chicoryFiles = chicory.files();
                chicory.restore();
                String actual;
                try (WasiPreview1 w = ledge.wasi()) {
                    actual = outcome(() -> ours.get(name).invoke(w, ledge.instance.memory(), args.clone()));
                }
                String what = name + Arrays.toString(args);
                assertEquals(expected, actual, what);
                assertArrayEquals(chicory.instance.memory().readBytes(0, 65536), ledge.instance.memory().readBytes(0, 65536), what + ": memory");
                assertEquals(chicory.out.toString(StandardCharsets.UTF_8), ledge.out.toString(StandardCharsets.UTF_8), what + ": stdout");
                assertEquals(chicoryFiles, ledge.files(), what + ": files");
                calls++;
            }
        }
        assertEquals(ours.size() * 25, calls);
    }

    private interface Call {
        long[] run();
    }

    private static String outcome(Call c) {
        try {
            long[] r = c.run();
            return r == null ? "no result" : Arrays.toString(r);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** One state: an instance's memory with path strings at 100, a directory preopened as /data, stdout kept. */
    private static final class Side {
        final Path dir;
        final Instance instance;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Side(Path dir, byte[] wasm) throws IOException {
            this.dir = dir;
            restore();
            instance = Instance.builder(Parser.parse(wasm)).build();
            instance.memory().writeString(100, STRINGS_AT_100);
            instance.memory().writeString(2048, "some bytes to write out");
        }

        WasiPreview1 wasi() {
            WasiOptions opts = WasiOptions.builder()
                    .withArguments(List.of("compute-app", "x"))
                    .withEnvironment("A", "b")
                    .withStdout(out)
                    .withStderr(out)
                    .withStdin(new java.io.ByteArrayInputStream("input".getBytes(StandardCharsets.UTF_8)))
                    .withRandom(new Random(7))
                    .withClock(Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC))
                    .withDirectory("/data", dir)
                    .build();
            return WasiPreview1.builder().withOptions(opts).build();
        }

        /** Puts the directory back to f.txt and an empty sub/, touching only what differs. */
        void restore() throws IOException {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                        String rel = dir.relativize(p).toString();
                        if (!rel.isEmpty() && !rel.equals("sub") && !rel.equals("f.txt")) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir.resolve("sub"));
            Path f = dir.resolve("f.txt");
            if (!Files.isRegularFile(f) || !Files.readString(f).equals("hello, files")) {
                Files.writeString(f, "hello, files");
            }
        }

        Map<String, String> files() throws IOException {
            Map<String, String> m = new TreeMap<>();
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.readString(p));
                }
            }
            return m;
        }
    }
}
