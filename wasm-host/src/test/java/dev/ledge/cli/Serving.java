package dev.ledge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Starts `ledge serve` in this JVM from command-line arguments, on free loopback ports, for tests. */
final class Serving {
    private Serving() {
    }

    /** Serves with {@code args} plus a loopback address (unless given) and the test compile cache. */
    static ServeSetup.Running serve(String envToken, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--addr")) {
            all.addAll(List.of("--addr", "127.0.0.1:0"));
        }
        all.addAll(List.of("--cache-dir", work().resolve("compiled").toString()));
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(all.toArray(String[]::new));
        return ServeSetup.start(cmd, envToken);
    }

    static Path work() {
        return Path.of(System.getProperty("ledge.test.work", "target/test-work"));
    }

    /** A built guest sample, e.g. {@code rust-hello}. */
    static Path sample(String name) {
        Path p = Path.of(System.getProperty("ledge.samples.dir", "../guest-samples/target/wasm")).resolve(name + ".wasm");
        if (!Files.exists(p)) {
            throw new AssertionError(p + " is missing: build guest-samples first");
        }
        return p;
    }

    /** Writes {@code text} to {@code dir/name}. */
    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A TOML string literal for a path. */
    static String quoted(Path p) {
        return "'" + p.toAbsolutePath() + "'";
    }
}
