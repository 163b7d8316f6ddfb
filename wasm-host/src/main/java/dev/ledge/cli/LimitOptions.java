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

    @Option(names = "--guest-memory-budget-mib", paramLabel = "MIB", description = "Linear memory all sandboxes together may hold "
            + "(default: half the JVM's maximum heap); an instantiation past it gets 503, a memory.grow past it fails.")
    Long guestMemoryBudgetMib;

    /** The per-sandbox limits; also applies the process-wide guest-memory budget if one was given. */
    SandboxLimits limits() {
        if (cpuBudgetMs <= 0 || deadlineMs <= 0 || memoryCapMib <= 0) {
            throw new dev.ledge.config.ConfigException("--cpu-budget-ms, --deadline-ms and --memory-cap-mib must be positive");
        }
        if (guestMemoryBudgetMib != null) {
            if (guestMemoryBudgetMib <= 0) {
                throw new dev.ledge.config.ConfigException("--guest-memory-budget-mib must be positive");
            }
            dev.ledge.engine.MemoryBudget.process().setLimit(guestMemoryBudgetMib << 20);
        }
        return new SandboxLimits(cpuBudgetMs, deadlineMs, memoryCapMib << 20);
    }
}
