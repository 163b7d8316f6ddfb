package dev.ledge.deploy;

import dev.ledge.engine.LedgeException;

/** A deployment or rollback that was refused, with the HTTP status the admin API answers it with. */
public final class DeployException extends LedgeException {
    private final int status;

    public DeployException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
