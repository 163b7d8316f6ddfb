package dev.ledge.server;

import dev.ledge.engine.RunOutcome;

/**
 * The one place that maps how a guest's run ended to the HTTP status a client gets when the
 * guest sent no response itself: a clean end gives 200 with an empty body (as Fastly's local
 * tool does), a trap or a failing exit code gives 500, a run stopped at its CPU budget or
 * deadline (or cancelled) 503.
 */
public final class OutcomeStatus {
    private OutcomeStatus() {
    }

    public static int httpStatus(RunOutcome o) {
        return switch (o.kind()) {
            case COMPLETED -> 200;
            case EXITED, TRAPPED -> 500;
            case INTERRUPTED, LIMIT_EXCEEDED -> 503;
        };
    }

    /** The body for that status: empty for 200, otherwise a line naming the request id. */
    public static String clientMessage(RunOutcome o, String requestId) {
        return switch (o.kind()) {
            case COMPLETED -> "";
            case EXITED -> "Ledge: the handler exited with code " + o.exitCode() + " before responding (request " + requestId + ")\n";
            case TRAPPED -> "Ledge: the handler trapped before responding (request " + requestId + "); see the server log\n";
            case INTERRUPTED -> "Ledge: the handler's run was cancelled (request " + requestId + ")\n";
            case LIMIT_EXCEEDED -> "Ledge: the handler was " + o.message() + " (request " + requestId + ")\n";
        };
    }
}
