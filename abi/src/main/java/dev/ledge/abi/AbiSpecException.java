package dev.ledge.abi;

/** A spec file that does not follow the format in abi/README.md; the message names file and line. */
public final class AbiSpecException extends RuntimeException {
    public AbiSpecException(String message) {
        super(message);
    }
}
