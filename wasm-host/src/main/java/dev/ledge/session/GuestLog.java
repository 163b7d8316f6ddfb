package dev.ledge.session;

/** Receives guest output: log endpoint lines and stdout/stderr lines, tagged with the request id. */
public interface GuestLog {
    /**
     * One line from the guest.
     *
     * @param requestId the session's id (its FASTLY_TRACE_ID)
     * @param source a log endpoint name, or {@code stdout} / {@code stderr}
     * @param line the text, without its line break
     */
    void line(String requestId, String source, String line);

    /** Writes to the server log through java.util.logging. */
    GuestLog SERVER_LOG = (id, source, line) ->
            java.util.logging.Logger.getLogger("ledge.guest").info(() -> "[" + id + "] " + source + ": " + line);
}
