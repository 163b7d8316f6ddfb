package dev.ledge.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches running sandboxes every {@value #PERIOD_MS} ms and interrupts the guest thread of one
 * that has used up its CPU budget or passed its wall-clock deadline. Chicory's compiled and
 * interpreted code both stop at the next check of the thread's interrupt flag; a guest waiting
 * in a hostcall stops waiting.
 */
final class Watchdog {
    static final long PERIOD_MS = 10;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Watchdog INSTANCE = new Watchdog();

    /** One watched run. */
    static final class Run {
        final Thread thread;
        final long cpuStart;
        final long cpuBudgetNanos;
        final long deadlineNanos;
        volatile String exceeded;

        Run(Thread thread, SandboxLimits limits) {
            this.thread = thread;
            this.cpuStart = cpu(thread);
            this.cpuBudgetNanos = TimeUnit.MILLISECONDS.toNanos(limits.cpuBudgetMs());
            this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.deadlineMs());
        }
    }

    private final Map<Run, Long> runs = new ConcurrentHashMap<>();

    private Watchdog() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledge-watchdog");
            t.setDaemon(true);
            return t;
        });
        s.scheduleAtFixedRate(this::check, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    static Run watch(Thread thread, SandboxLimits limits) {
        Run r = new Run(thread, limits);
        INSTANCE.runs.put(r, r.deadlineNanos);
        return r;
    }

    static void release(Run r) {
        INSTANCE.runs.remove(r);
    }

    private static long cpu(Thread t) {
        try {
            return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(t.getId()) : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    private void check() {
        long now = System.nanoTime();
        for (Run r : runs.keySet()) {
            if (r.exceeded != null) {
                continue;
            }
            if (now > r.deadlineNanos) {
                r.exceeded = "wall-clock deadline";
                r.thread.interrupt();
                continue;
            }
            long used = cpu(r.thread);
            if (used >= 0 && r.cpuStart >= 0 && used - r.cpuStart > r.cpuBudgetNanos) {
                r.exceeded = "CPU budget";
                r.thread.interrupt();
            }
        }
    }
}
