package dev.ledge.http;

/** A body operation that cannot be done in the body's state; hostcalls answer it with a status. */
public final class BodyException extends RuntimeException {
    public BodyException(String message) {
        super(message, null, false, false);
    }
}
