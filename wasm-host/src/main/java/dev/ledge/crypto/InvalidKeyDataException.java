package dev.ledge.crypto;

/** Bytes or text that are not a supported public key or JWK set; the message says what is wrong. */
public final class InvalidKeyDataException extends Exception {
    public InvalidKeyDataException(String message) {
        super(message);
    }
}
