package dev.ledge.cache;

/**
 * How a replace treats the object it replaces and other writers: IMMEDIATE leaves the object
 * findable until the replacement is inserted (last writer wins); IMMEDIATE_FORCE_MISS makes it
 * unfindable at once; WAIT waits for any client filling the object, then holds the obligation so
 * others wait for this replace.
 */
public enum ReplaceStrategy {
    IMMEDIATE(1), IMMEDIATE_FORCE_MISS(2), WAIT(3);

    private final int code;

    ReplaceStrategy(int code) {
        this.code = code;
    }

    /** The strategy with ABI number {@code code}, or null. */
    public static ReplaceStrategy fromAbi(int code) {
        for (ReplaceStrategy s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
