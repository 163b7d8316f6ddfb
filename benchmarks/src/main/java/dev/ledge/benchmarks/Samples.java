package dev.ledge.benchmarks;

import dev.ledge.engine.CompileCache;
import dev.ledge.engine.PrelinkedModule;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find the guest samples: {@code -Dledge.samples.dir}, else
 * guest-samples/target/wasm under the working directory (run from the repository root).
 * Modules load through the default compile cache, so only the first run compiles.
 */
final class Samples {
    private Samples() {
    }

    static PrelinkedModule load(String name) {
        Path dir = Path.of(System.getProperty("ledge.samples.dir", "guest-samples/target/wasm"));
        Path wasm = dir.resolve(name + ".wasm");
        if (!Files.isRegularFile(wasm)) {
            throw new IllegalStateException(wasm.toAbsolutePath() + " is missing: build the guest samples, or set -Dledge.samples.dir");
        }
        return PrelinkedModule.load(wasm, new CompileCache(CompileCache.defaultDir()));
    }
}
