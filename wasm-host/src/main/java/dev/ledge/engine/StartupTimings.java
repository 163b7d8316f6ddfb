package dev.ledge.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Where a server's start went, phase by phase: the thread that starts a server collects the
 * phases its work records (parsing, loading compiled code, linking, starting Vert.x...), and so do
 * the threads it starts meanwhile (their phases are marked "ahead"); the whole is logged in one
 * line with the time since the process was launched.
 */
public final class StartupTimings {
    private static final Logger LOG = Logger.getLogger("ledge");
    private static final InheritableThreadLocal<Phases> CURRENT = new InheritableThreadLocal<>();
    /** When {@link #mainEntered} was called (nanoTime), or 0. */
    private static volatile long mainNanos;
    /** Milliseconds from process launch to {@link #mainEntered}, or -1 when unknown. */
    private static volatile long launchToMainMillis = -1;

    /** One start's phases, in the order they ended. */
    private static final class Phases {
        final Thread owner = Thread.currentThread();
        final List<String> entries = new ArrayList<>();
        boolean closed;

        synchronized void add(String entry) {
            if (!closed) {
                entries.add(entry);
            }
        }

        synchronized List<String> close() {
            closed = true;
            return entries;
        }
    }

    private StartupTimings() {
    }

    /** Called first thing in main: notes the time the JVM took to get there. */
    public static void mainEntered() {
        mainNanos = System.nanoTime();
        long fromProc = launchToNowFromProc();
        launchToMainMillis = fromProc >= 0 ? fromProc : ProcessHandle.current().info().startInstant()
                .map(s -> System.currentTimeMillis() - s.toEpochMilli()).orElse(-1L);
    }

    /**
     * On Linux, milliseconds since this process was launched, from its start time and the
     * uptime (both counted from boot, to a hundredth of a second; the epoch time of boot is
     * known only to the second); -1 elsewhere.
     */
    private static long launchToNowFromProc() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]); // field 22 of the whole line: starttime, in clock ticks
            String uptime = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime"));
            double up = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return Math.max(0, Math.round(up * 1000 - startTicks * 10.0)); // USER_HZ is 100 on Linux
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Milliseconds since the process was launched, or -1 when main did not note it. */
    public static long sinceLaunchMillis() {
        long main = mainNanos;
        return main == 0 || launchToMainMillis < 0 ? -1 : launchToMainMillis + (System.nanoTime() - main) / 1_000_000;
    }

    /** Starts collecting the phases of this thread and of the threads it starts. */
    public static void begin() {
        Phases p = new Phases();
        if (launchToMainMillis >= 0) {
            p.add("JVM to main " + launchToMainMillis);
            p.add("command line " + (System.nanoTime() - mainNanos) / 1_000_000);
        }
        CURRENT.set(p);
    }

    /**
     * Records that phase {@code label} took from {@code sinceNanos} until now (a no-op unless
     * collecting); returns now, the start of the next phase.
     */
    public static long record(String label, long sinceNanos) {
        long now = System.nanoTime();
        Phases p = CURRENT.get();
        if (p != null) {
            p.add((p.owner == Thread.currentThread() ? "" : "ahead: ") + label + " " + (now - sinceNanos) / 1_000_000);
        }
        return now;
    }

    /** Stops collecting without logging. */
    public static void discard() {
        Phases p = CURRENT.get();
        CURRENT.remove();
        if (p != null) {
            p.close();
        }
    }

    /** Logs the phases in one line and stops collecting them. */
    public static void end() {
        Phases p = CURRENT.get();
        CURRENT.remove();
        if (p == null) {
            return;
        }
        List<String> phases = p.close();
        long since = sinceLaunchMillis();
        LOG.info("started: " + (since >= 0 ? "listening " + since + " ms after launch" : "listening")
                + " (ms: " + String.join(", ", phases) + ")");
    }
}
