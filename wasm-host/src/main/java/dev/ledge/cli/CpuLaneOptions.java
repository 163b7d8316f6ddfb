package dev.ledge.cli;

import dev.ledge.engine.CpuLane;
import picocli.CommandLine.Option;

/** How serve shares CPU between light requests and guests that use a lot of it. */
final class CpuLaneOptions {
    @Option(names = "--heavy-after-ms", paramLabel = "MS", description = "CPU time after which a request counts as heavy (default: "
            + CpuLane.DEFAULT_HEAVY_AFTER_MS + "); heavy guests take turns on a few cores so that light requests keep theirs.")
    long heavyAfterMs = CpuLane.DEFAULT_HEAVY_AFTER_MS;

    @Option(names = "--heavy-turns", paramLabel = "N", description = "Heavy guests that may run at once (default: half the cores, at least 1).")
    int heavyTurns = CpuLane.defaultTurns();

    /** Sets the process's lane for CPU-heavy guests from these options. */
    void apply() {
        if (heavyAfterMs <= 0 || heavyTurns <= 0) {
            throw new dev.ledge.config.ConfigException("--heavy-after-ms and --heavy-turns must be positive");
        }
        CpuLane.configure(heavyTurns, heavyAfterMs);
    }
}
