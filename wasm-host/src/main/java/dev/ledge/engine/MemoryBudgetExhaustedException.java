package dev.ledge.engine;

/** A sandbox could not start because the process-wide guest-memory budget had no room for it. */
public final class MemoryBudgetExhaustedException extends LedgeException {
    public MemoryBudgetExhaustedException(String message) {
        super(message);
    }
}
