package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A plain `ledge serve` command line read without picocli sets exactly what picocli would; anything else is left to picocli. */
class QuickServeArgsTest {
    /** Every option and parameter field of {@code cmd} and its mixins, by name. */
    private static Map<String, Object> fields(ServeCommand cmd) throws Exception {
        Map<String, Object> out = new TreeMap<>();
        for (Field f : ServeCommand.class.getDeclaredFields()) {
            f.setAccessible(true);
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                Object mixin = f.get(cmd);
                for (Field m : f.getType().getDeclaredFields()) {
                    if (m.isAnnotationPresent(CommandLine.Option.class)) {
                        m.setAccessible(true);
                        out.put(f.getName() + "." + m.getName(), m.get(mixin));
                    }
                }
            } else if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                out.put(f.getName(), f.get(cmd));
            }
        }
        return out;
    }

    private static void sameAsPicocli(String... args) throws Exception {
        ServeCommand quick = QuickServeArgs.parse(args);
        assertNotNull(quick, "not read without picocli: " + Arrays.toString(args));
        ServeCommand slow = new ServeCommand();
        new CommandLine(slow).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        assertEquals(fields(slow), fields(quick), Arrays.toString(args));
    }

    @Test
    void plainServeLinesGiveWhatPicocliGives() throws Exception {
        sameAsPicocli("serve");
        sameAsPicocli("serve", "app.wasm");
        sameAsPicocli("serve", "--addr", "127.0.0.1:8080", "--cache-dir", "/tmp/c", "app.wasm");
        sameAsPicocli("serve", "app.wasm", "--addr=0.0.0.0:1", "-C", "fastly.toml", "--no-cache", "--server-timing", "--access-log");
        sameAsPicocli("serve", "--max-in-flight", "8", "--cpu-budget-ms", "20", "--deadline-ms", "900", "--memory-cap-mib", "64",
                "--guest-memory-budget-mib", "512", "--heavy-after-ms", "5", "--heavy-turns", "3", "--max-request-body-bytes", "1000",
                "--max-headers", "50", "--trace-hostcalls", "x.wasm");
        sameAsPicocli("serve", "--geo-db", "a.mmdb", "--geo-db=b.mmdb", "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1",
                "--admin-addr", "127.0.0.1:9", "--admin-token", "t0k", "--state-dir", "st", "--services", "services.toml");
    }

    @Test
    void everyOptionOfServeIsHandledSoThePlainLineNeverNeedsPicocli() throws Exception {
        // The quick reader names every option itself: one added to ServeCommand or a mixin must be added there too.
        int seen = 0;
        for (Field f : ServeCommand.class.getDeclaredFields()) {
            java.util.List<Field> options = new java.util.ArrayList<>();
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                options.addAll(Arrays.asList(f.getType().getDeclaredFields()));
            } else {
                options.add(f);
            }
            for (Field o : options) {
                CommandLine.Option opt = o.getAnnotation(CommandLine.Option.class);
                if (opt == null) {
                    continue;
                }
                for (String name : opt.names()) {
                    Class<?> t = o.getType();
                    if (t == boolean.class) {
                        sameAsPicocli("serve", name, "m.wasm");
                    } else {
                        String value = t == Path.class || t == java.util.List.class ? "some/file" : t == String.class ? "h:1" : "7";
                        sameAsPicocli("serve", name, value, "m.wasm");
                        sameAsPicocli("serve", "m.wasm", name, value);
                    }
                    seen++;
                }
            }
        }
        assertEquals(23, seen, "option names of serve (update this count when adding one, after handling it in QuickServeArgs)");
    }

    @Test
    void aServeLineReadQuicklyReportsLedgesErrorsAsPicocliRunsWould(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String missing = dir.resolve("missing.wasm").toString();
        java.io.StringWriter quickErr = new java.io.StringWriter();
        int quick = Main.serve(QuickServeArgs.parse(new String[] {"serve", "--addr", "127.0.0.1:0", missing}),
                new java.io.PrintWriter(quickErr, true));
        java.io.StringWriter slowErr = new java.io.StringWriter();
        int slow = Main.run(new String[] {"serve", "--addr", "127.0.0.1:0", missing},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(slowErr, true));
        assertEquals(2, quick, quickErr.toString());
        assertEquals("ledge: " + missing + ": no such file", quickErr.toString().trim());
        assertEquals(slow, quick);
        assertEquals(slowErr.toString(), quickErr.toString());
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        String[][] lines = {
            {"run", "m.wasm"}, {}, {"serve", "--help"}, {"serve", "-h"}, {"serve", "--version"}, {"serve", "--bogus"},
            {"serve", "@args.txt"}, {"serve", "--addr"}, {"serve", "--max-in-flight", "lots"}, {"serve", "--max-in-flight=1.5"},
            {"serve", "a.wasm", "b.wasm"}, {"serve", "--addr", "1:1", "--addr", "2:2"}, {"serve", "--no-cache=true"},
            {"serve", "--max-request-body-bytes", "-1"}, {"serve", "-Cfastly.toml"}, {"serve", "--"},
        };
        for (String[] line : lines) {
            assertNull(QuickServeArgs.parse(line), Arrays.toString(line));
        }
    }
}
