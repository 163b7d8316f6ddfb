package dev.ledge.engine;

/**
 * What one request's sandbox may use: CPU time of its guest thread, wall-clock time (waiting on a
 * backend counts here only), and linear memory. A guest over a time limit is stopped and its
 * client gets 503; {@code memory.grow} past the cap fails the way Wasm specifies (it returns -1).
 *
 * <p>The CPU default is generous on purpose: the first requests of a module run before the JVM
 * has compiled its hot paths, and the JS SDK's engine interprets part of itself, so a cold JS
 * request can use hundreds of milliseconds of CPU where a warm one uses a few.
 */
public record SandboxLimits(long cpuBudgetMs, long deadlineMs, long memoryCapBytes) {
    public static final long DEFAULT_CPU_BUDGET_MS = 10_000;
    public static final long DEFAULT_DEADLINE_MS = 60_000;
    public static final long DEFAULT_MEMORY_CAP_BYTES = 128L << 20;

    public SandboxLimits {
        if (cpuBudgetMs <= 0 || deadlineMs <= 0 || memoryCapBytes < 65536) {
            throw new IllegalArgumentException("limits must be positive and the memory cap at least one 64 KiB page");
        }
    }

    public static SandboxLimits defaults() {
        return new SandboxLimits(DEFAULT_CPU_BUDGET_MS, DEFAULT_DEADLINE_MS, DEFAULT_MEMORY_CAP_BYTES);
    }

    /** The cap in 64 KiB pages. */
    public int memoryCapPages() {
        return (int) Math.min(65536, memoryCapBytes / 65536);
    }
}
