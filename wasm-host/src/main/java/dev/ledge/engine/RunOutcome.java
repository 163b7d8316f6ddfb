package dev.ledge.engine;

/**
 * How a guest's run ended.
 *
 * @param kind the outcome
 * @param exitCode the guest's exit code (0 unless it called proc_exit with another value)
 * @param message for traps and host failures, what happened
 * @param instantiateNanos time to create the instance
 * @param runNanos time spent in {@code _start}
 */
public record RunOutcome(Kind kind, int exitCode, String message, long instantiateNanos, long runNanos) {

    /** The ways a run ends. */
    public enum Kind {
        /** {@code _start} returned, or the guest exited with code 0. */
        COMPLETED,
        /** The guest exited with a non-zero code. */
        EXITED,
        /** The guest trapped (unreachable, out-of-bounds access, stack exhaustion, ...). */
        TRAPPED,
        /** The run was cancelled while the guest waited in a hostcall. */
        INTERRUPTED,
        /** The guest used up its CPU budget or passed its wall-clock deadline and was stopped. */
        LIMIT_EXCEEDED
    }

    public boolean ok() {
        return kind == Kind.COMPLETED;
    }
}
