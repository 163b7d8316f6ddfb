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

    SandboxLimits limits() {
        if (cpuBudgetMs <= 0 || deadlineMs <= 0 || memoryCapMib <= 0) {
            throw new dev.ledge.config.ConfigException("--cpu-budget-ms, --deadline-ms and --memory-cap-mib must be positive");
        }
        return new SandboxLimits(cpuBudgetMs, deadlineMs, memoryCapMib << 20);
    }
}
