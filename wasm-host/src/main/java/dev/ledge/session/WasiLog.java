package dev.ledge.session;

import com.dylibso.chicory.log.Logger;


/**
 * Where Chicory's WASI implementation logs: warnings and errors go to the {@code ledge.wasi}
 * logger, anything finer is dropped without a lookup. One shared instance: given to every
 * session's WASI state, it also spares Chicory's builder its per-build probe for Android (a
 * failed class lookup, which cost more than the rest of a small guest's request).
 */
final class WasiLog implements Logger {
    static final WasiLog INSTANCE = new WasiLog();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("ledge.wasi");

    private WasiLog() {
    }

    @Override
    public boolean isLoggable(Logger.Level level) {
        return level.getSeverity() >= Logger.Level.WARNING.getSeverity();
    }

    @Override
    public void log(Logger.Level level, String message, Throwable error) {
        if (isLoggable(level)) {
            LOG.log(level == Logger.Level.WARNING ? java.util.logging.Level.WARNING : java.util.logging.Level.SEVERE, message, error);
        }
    }
}
