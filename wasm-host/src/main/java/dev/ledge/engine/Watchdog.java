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
 * in a hostcall stops waiting. The same sampling moves a guest past the CPU threshold of the
 * {@link CpuLane} into that lane, and makes a heavy guest hand its turn on after each slice.
 */
final class Watchdog {
    static final long PERIOD_MS = 10;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Watchdog INSTANCE = new Watchdog();

    /** One watched run. */
    static final class Run {
        final Thread thread;
        final GuestThread guest;
        final CpuLane lane;
        final long cpuStart;
        final long cpuBudgetNanos;
        final long deadlineNanos;
        volatile String exceeded;
        /** Past the lane's threshold (set by the watchdog). */
        volatile boolean heavy;
        /** Holds one of the lane's turns (only the guest thread changes this). */
        volatile boolean holdsTurn;
        /** CPU used when the current turn (or slice of it) began. */
        volatile long cpuAtTurn;
        /** How long to pause, holding the turn, before the next slice (light guests are running). */
        volatile long restNanos;

        Run(Thread thread, SandboxLimits limits) {
            this.thread = thread;
            this.guest = thread instanceof GuestThread g ? g : null;
            this.lane = CpuLane.current();
            this.cpuStart = cpu(thread);
            this.cpuBudgetNanos = TimeUnit.MILLISECONDS.toNanos(limits.cpuBudgetMs());
            this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.deadlineMs());
        }

        /** On the guest thread: gives back the turn it holds (if any) and waits for the next one. */
        void takeTurn() {
            if (!heavy || exceeded != null) {
                return;
            }
            if (holdsTurn) {
                long rest = restNanos;
                if (rest > 0) {
                    restNanos = 0;
                    java.util.concurrent.locks.LockSupport.parkNanos(rest);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                if (!lane.turns.hasQueuedThreads()) {
                    cpuAtTurn = cpu(thread) - cpuStart;
                    return;
                }
                holdsTurn = false;
                lane.turns.release();
            }
            try {
                lane.turns.acquire();
                holdsTurn = true;
                cpuAtTurn = cpu(thread) - cpuStart;
            } catch (InterruptedException e) {
                // Stopped while waiting (deadline): keep the flag so that the guest stops at once.
                Thread.currentThread().interrupt();
            }
        }

        /** On the guest thread, when the run ends. */
        void leaveLane() {
            if (holdsTurn) {
                holdsTurn = false;
                lane.turns.release();
            }
        }
    }

    /** A sandbox started this recently means light requests are coming in: heavy guests pause between slices. */
    static final long LIGHT_TRAFFIC_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static volatile long lastStart = System.nanoTime() - LIGHT_TRAFFIC_WINDOW_NANOS;
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
        lastStart = System.nanoTime();
        if (r.guest != null) {
            r.guest.turnRequested = false;
            r.guest.run = r;
        }
        INSTANCE.runs.put(r, r.deadlineNanos);
        return r;
    }

    /** Called on the guest thread when its run ends. */
    static void release(Run r) {
        INSTANCE.runs.remove(r);
        if (r.guest != null) {
            r.guest.run = null;
            r.guest.turnRequested = false;
        }
        r.leaveLane();
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
        boolean lightTraffic = now - lastStart < LIGHT_TRAFFIC_WINDOW_NANOS;
        for (Run r : runs.keySet()) {
            if (r.exceeded != null) {
                continue;
            }
            if (now > r.deadlineNanos) {
                r.exceeded = "wall-clock deadline";
                r.thread.interrupt();
                continue;
            }
            long cpu = cpu(r.thread);
            if (cpu < 0 || r.cpuStart < 0) {
                continue;
            }
            long used = cpu - r.cpuStart;
            if (used > r.cpuBudgetNanos) {
                r.exceeded = "CPU budget";
                r.thread.interrupt();
            } else if (r.guest != null) {
                steer(r, used, lightTraffic);
            }
        }
    }

    /**
     * Sends a guest past the lane's threshold into the lane; after each slice of a heavy guest's
     * turn, makes it pause (holding the turn) while other sandboxes are starting, and hand the turn
     * on when another heavy guest waits.
     */
    private static void steer(Run r, long used, boolean lightTraffic) {
        if (!r.heavy) {
            if (used > r.lane.heavyAfterNanos) {
                r.heavy = true;
                r.guest.turnRequested = true;
            }
        } else if (r.holdsTurn && used - r.cpuAtTurn > r.lane.sliceNanos) {
            boolean waiting = r.lane.turns.hasQueuedThreads();
            if (lightTraffic) {
                r.restNanos = r.lane.restNanos;
            }
            if (waiting || r.restNanos > 0) {
                r.guest.turnRequested = true;
            }
        }
    }

}
