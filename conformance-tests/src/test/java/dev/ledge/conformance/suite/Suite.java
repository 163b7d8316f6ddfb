package dev.ledge.conformance.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the conformance suite's pieces are: the guests conformance-tests/build.sh built, the
 * suite's fastly.toml (with the test origin's address filled in), and how a run-mode guest is
 * run: through {@code ledge run} from Ledge's jar, or through the command template in
 * {@code -Dconformance.runner}.
 */
final class Suite {
    /** Arguments every run-mode guest gets (the run_command area checks it sees exactly these). */
    static final List<String> GUEST_ARGS = List.of("alpha", "--beta", "", "gamma");
    /** Guests that serve HTTP instead of running as commands. */
    static final List<String> HTTP_GUESTS = List.of("rust-http_downstream");

    private Suite() {
    }

    /** The directory of built guests (conformance-tests/target/guests). */
    static Path guestsDir() {
        return Path.of(System.getProperty("ledge.conformance.guests", "target/guests"));
    }

    /** The built guest {@code name} (e.g. {@code rust-http_req}); fails when the build did not make it. */
    static Path guest(String name) {
        Path p = guestsDir().resolve(name + ".wasm");
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(p + " is missing: conformance-tests/build.sh builds it (mvn verify from the root)");
        }
        return p;
    }

    /** Every run-mode conformance guest, by name, in a stable order. */
    static List<String> runModeGuests() {
        try (Stream<Path> files = Files.list(guestsDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".wasm"))
                    .map(n -> n.substring(0, n.length() - ".wasm".length()))
                    .filter(n -> !HTTP_GUESTS.contains(n) && !n.startsWith("rust-tests") && !n.startsWith("fixture-"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the conformance guests in " + guestsDir(), e);
        }
    }

    /**
     * The suite's fastly.toml written into {@code dir}, with {@code ORIGIN_URL} replaced by the
     * origin's base URL and {@code CONFIG_DIR} by the directory of its data files.
     */
    static Path config(Path dir, int originPort) throws IOException {
        Path src = Path.of(System.getProperty("ledge.conformance.config", "guests/fastly.toml")).toAbsolutePath();
        String text = Files.readString(src).replace("ORIGIN_URL", "http://127.0.0.1:" + originPort)
                .replace("CONFIG_DIR", src.resolveSibling("config").toString().replace('\\', '/'));
        return Files.writeString(dir.resolve("fastly.toml"), text);
    }

    /** The template running Ledge's own jar, recording hostcalls into the suite's coverage file. */
    static String ledgeTemplate() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "'" + java + "' -Xmx256m -Dledge.coverage.file='" + System.getProperty("ledge.coverage.file", "")
                + "' -jar '" + System.getProperty("ledge.jar", "../wasm-host/target/ledge.jar") + "' run -C {config} {module}";
    }

    /** The run-mode runner: {@code -Dconformance.runner} when set, else Ledge's jar. */
    static CommandTemplate runner() {
        return runner(System.getProperty(CommandTemplate.PROPERTY, ""));
    }

    /** The runner a {@code -Dconformance.runner} value names (blank: Ledge's jar). */
    static CommandTemplate runner(String template) {
        return CommandTemplate.parse(template.isBlank() ? ledgeTemplate() : template);
    }

    /** What one run of a guest gave: exit code, stdout, stderr and the command used. */
    record Run(int exitCode, String stdout, String stderr, List<String> command) {
        String describe() {
            return "command " + command + " exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs {@code module} with {@code runner}, waiting at most two minutes. */
    static Run run(CommandTemplate runner, Path config, Path module, List<String> args) {
        List<String> cmd = runner.command(config.toAbsolutePath(), module.toAbsolutePath(), args);
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
            Path work = Path.of(System.getProperty("ledge.test.work", "target/test-work")).toAbsolutePath();
            pb.environment().put("LEDGE_CACHE_DIR", work.resolve("run-cache").toString());
            // Every run starts from the stores fastly.toml seeds, never from an earlier run's writes.
            Files.createDirectories(work);
            pb.environment().put("LEDGE_DATA_DIR", Files.createTempDirectory(work, "run-data-").toString());
            Process p = pb.redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("command " + cmd + " did not end within 2 minutes");
            }
            return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS), cmd);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + cmd + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new AssertionError("running " + cmd + " failed: " + e, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            // A thread of its own: the common pool may have a single thread on a small machine.
            Thread t = new Thread(task, "conformance-drain");
            t.setDaemon(true);
            t.start();
        });
    }
}
