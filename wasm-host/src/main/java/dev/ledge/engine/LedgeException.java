package dev.ledge.engine;

/** The root of Ledge's unchecked exceptions; subclasses are named after what went wrong. */
public class LedgeException extends RuntimeException {
    public LedgeException(String message) {
        super(message);
    }

    public LedgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
