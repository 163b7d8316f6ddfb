package dev.ledge.engine;

/** A Wasm module that Ledge will not run; the message says what is wrong with it. */
public final class ModuleRejectedException extends LedgeException {
    public ModuleRejectedException(String message) {
        super(message);
    }

    public ModuleRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
