package dev.ledge.engine;

/**
 * A thread that runs guests. Chicory's compiled and interpreted code both ask the current thread
 * {@link #isInterrupted()} at every loop back-edge and call; on a guest thread that question is
 * also where a guest the watchdog has found CPU-heavy waits for its turn in the {@link CpuLane},
 * so that looping guests share a few cores instead of taking them all. A guest never waits there
 * while it is inside a hostcall (it might hold a lock another guest needs).
 */
public final class GuestThread extends Thread {
    /** Set by the watchdog: at its next check the guest takes (or gives back and retakes) its turn. */
    volatile boolean turnRequested;
    /** The run on this thread now (written on this thread, read by the watchdog through the run). */
    volatile Watchdog.Run run;
    private int hostDepth;

    public GuestThread(Runnable task, String name, long stackBytes) {
        super(null, task, name, stackBytes);
        setDaemon(true);
    }

    @Override
    public boolean isInterrupted() {
        if (turnRequested && hostDepth == 0 && Thread.currentThread() == this) {
            turnRequested = false;
            Watchdog.Run r = run;
            if (r != null) {
                r.takeTurn();
            }
        }
        return super.isInterrupted();
    }

    /**
     * Marks the current guest thread (if it is one) as inside a hostcall until {@link #exitHost()}.
     * A heavy guest gives its turn back meanwhile (a hostcall may wait on a backend for long).
     */
    public static void enterHost() {
        if (Thread.currentThread() instanceof GuestThread g && g.hostDepth++ == 0) {
            Watchdog.Run r = g.run;
            if (r != null && r.holdsTurn) {
                r.leaveLane();
            }
        }
    }

    /** Back from a hostcall: a heavy guest asks for a turn again before it runs on. */
    public static void exitHost() {
        if (Thread.currentThread() instanceof GuestThread g && --g.hostDepth == 0) {
            Watchdog.Run r = g.run;
            if (r != null && r.heavy) {
                g.turnRequested = true;
            }
        }
    }
}
