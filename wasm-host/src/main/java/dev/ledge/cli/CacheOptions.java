package dev.ledge.cli;

import dev.ledge.engine.CompileCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The compile-cache options shared by serve, run and compile. */
final class CacheOptions {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where compiled guest code is kept (default: $LEDGE_CACHE_DIR or ~/.cache/ledge/compiled).")
    Path dir;

    @Option(names = "--no-cache", description = "Compile every time; neither read nor write the compile cache.")
    boolean off;

    /** The cache to use, or null when switched off. */
    CompileCache cache() {
        return off ? null : new CompileCache(dir != null ? dir : CompileCache.defaultDir());
    }
}
