package dev.ledge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Compiles the test fixtures in src/test/wat with wabt's wat2wasm (installed by scripts/install-toolchains.sh). */
public final class Wat {
    private Wat() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("ledge.wat.dir", "src/test/wat"));
    }

    /** The compiled bytes of {@code NAME.wat}. */
    public static byte[] compile(String name) {
        try {
            Path src = dir().resolve(name + ".wat");
            Path out = Path.of(System.getProperty("ledge.test.work", "target/test-work")).resolve("wat").resolve(name + ".wasm");
            Files.createDirectories(out.getParent());
            Process p = new ProcessBuilder("wat2wasm", src.toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("wat2wasm " + src + " failed: " + log);
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new AssertionError("cannot run wat2wasm (run scripts/install-toolchains.sh): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
