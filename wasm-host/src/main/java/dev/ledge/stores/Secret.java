package dev.ledge.stores;

/**
 * One secret's bytes, from a secret store or made from guest bytes. Its text never appears in
 * logs: {@link #toString()} gives only the length.
 */
public final class Secret {
    private final byte[] plaintext;

    public Secret(byte[] plaintext) {
        this.plaintext = plaintext.clone();
    }

    /** A copy of the secret's bytes. */
    public byte[] plaintext() {
        return plaintext.clone();
    }

    public int length() {
        return plaintext.length;
    }

    @Override
    public String toString() {
        return "Secret[" + plaintext.length + " bytes]";
    }
}
