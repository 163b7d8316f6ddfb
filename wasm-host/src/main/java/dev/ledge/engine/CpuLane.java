package dev.ledge.engine;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The lane CPU-heavy guests run in: a guest that has used more than {@code heavyAfterMs} of CPU in
 * one request needs one of {@code turns} permits to go on running, and hands it on after each
 * {@value #SLICE_MS} ms of CPU when another heavy guest is waiting. Light requests never enter the
 * lane, so however many guests loop, at most {@code turns} cores run them and the rest stay free
 * for everyone else. While other requests keep arriving, a heavy guest also pauses for nine slices
 * after each slice, so that it uses at most a tenth of its turn's core. A heavy guest waits
 * without using CPU; its wall-clock deadline still runs.
 */
public final class CpuLane {
    /** CPU a request may use before it counts as heavy, by default. */
    public static final long DEFAULT_HEAVY_AFTER_MS = 50;
    /** CPU a heavy guest uses before it lets another heavy guest have its turn. */
    static final long SLICE_MS = 10;

    private static volatile CpuLane current = new CpuLane(defaultTurns(), DEFAULT_HEAVY_AFTER_MS);

    final Semaphore turns;
    final int turnCount;
    final long heavyAfterNanos;
    final long sliceNanos = TimeUnit.MILLISECONDS.toNanos(SLICE_MS);
    /** The pause after each slice while other requests are coming in: heavy guests get a tenth of a turn's core then. */
    final long restNanos = 9 * sliceNanos;

    CpuLane(int turns, long heavyAfterMs) {
        if (turns < 1 || heavyAfterMs < 1) {
            throw new IllegalArgumentException("the CPU lane needs at least one turn and a threshold of at least 1 ms");
        }
        this.turns = new Semaphore(turns, true);
        this.turnCount = turns;
        this.heavyAfterNanos = TimeUnit.MILLISECONDS.toNanos(heavyAfterMs);
    }

    /** Half the cores, at least one: what heavy guests may use together by default. */
    public static int defaultTurns() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Sets the lane for runs that start from now on (runs already going keep theirs). */
    public static void configure(int turns, long heavyAfterMs) {
        current = new CpuLane(turns, heavyAfterMs);
    }

    static CpuLane current() {
        return current;
    }

    /** How many heavy guests may run at once. */
    public static int turns() {
        return current.turnCount;
    }

    /** CPU milliseconds after which a request counts as heavy. */
    public static long heavyAfterMs() {
        return TimeUnit.NANOSECONDS.toMillis(current.heavyAfterNanos);
    }

    /** Heavy guests running now, across the process. */
    public static int heavyRunning() {
        CpuLane l = current;
        return l.turnCount - l.turns.availablePermits();
    }

    /** Heavy guests waiting for a turn now. */
    public static int heavyWaiting() {
        return current.turns.getQueueLength();
    }
}
