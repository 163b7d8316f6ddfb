package dev.ledge.cli;

import dev.ledge.engine.SandboxLimits;
import picocli.CommandLine.Option;

/** Per-sandbox limits shared by serve and run. */
final class LimitOptions {
    @Option(names = "--cpu-budget-ms", paramLabel = "MS", description = "CPU time a request's guest may use (default: "
            + SandboxLimits.DEFAULT_CPU_BUDGET_MS + "); over it the client gets 503.")
    long cpuBudgetMs = SandboxLimits.DEFAULT_CPU_BUDGET_MS;

    @Option(names = "--deadline-ms", paramLabel = "MS", description = "Wall-clock time a request's guest may take, waiting on backends included (default: "
            + SandboxLimits.DEFAULT_DEADLINE_MS + ").")
    long deadlineMs = SandboxLimits.DEFAULT_DEADLINE_MS;

    @Option(names = "--memory-cap-mib", paramLabel = "MIB", description = "Linear memory a sandbox may grow to (default: "
            + (SandboxLimits.DEFAULT_MEMORY_CAP_BYTES >> 20) + "); memory.grow past it fails.")
    long memoryCapMib = SandboxLimits.DEFAULT_MEMORY_CAP_BYTES >> 20;

    @Option(names = "--heavy-after-ms", paramLabel = "MS", description = "CPU time after which a request counts as heavy (default: "
            + dev.ledge.engine.CpuLane.DEFAULT_HEAVY_AFTER_MS + "); heavy guests take turns on a few cores so that light requests keep theirs.")
    long heavyAfterMs = dev.ledge.engine.CpuLane.DEFAULT_HEAVY_AFTER_MS;

    @Option(names = "--heavy-turns", paramLabel = "N", description = "Heavy guests that may run at once (default: half the cores, at least 1).")
    int heavyTurns = dev.ledge.engine.CpuLane.defaultTurns();

    /** Sets the process's lane for CPU-heavy guests from these options. */
    void applyCpuLane() {
        if (heavyAfterMs <= 0 || heavyTurns <= 0) {
            throw new dev.ledge.config.ConfigException("--heavy-after-ms and --heavy-turns must be positive");
        }
        dev.ledge.engine.CpuLane.configure(heavyTurns, heavyAfterMs);
    }

    SandboxLimits limits() {
        if (cpuBudgetMs <= 0 || deadlineMs <= 0 || memoryCapMib <= 0) {
            throw new dev.ledge.config.ConfigException("--cpu-budget-ms, --deadline-ms and --memory-cap-mib must be positive");
        }
        return new SandboxLimits(cpuBudgetMs, deadlineMs, memoryCapMib << 20);
    }
}
