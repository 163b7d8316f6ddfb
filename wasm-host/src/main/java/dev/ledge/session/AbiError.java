package dev.ledge.session;

import dev.ledge.abi.Status;

/**
 * A hostcall's failure with the status the guest gets. Thrown by argument checks anywhere below a
 * hostcall and turned into the status by the one dispatcher ({@code HostcallDispatcher}).
 */
public final class AbiError extends RuntimeException {
    private final Status status;

    public AbiError(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public static AbiError inval(String message) {
        return new AbiError(Status.INVAL, message);
    }

    public static AbiError badf(String message) {
        return new AbiError(Status.BADF, message);
    }

    public static AbiError none(String message) {
        return new AbiError(Status.NONE, message);
    }
}
