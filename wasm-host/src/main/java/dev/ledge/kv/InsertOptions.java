package dev.ledge.kv;

/**
 * The options of one insert: its mode, the metadata to store (empty for none), a time to live in
 * seconds (or {@code null} for none) and a generation the current value must have (or {@code null}).
 */
public record InsertOptions(InsertMode mode, byte[] metadata, Long ttlSeconds, Long ifGenerationMatch) {
    public InsertOptions {
        metadata = metadata == null ? new byte[0] : metadata;
    }

    /** Replace the value, with no metadata, no expiry and no condition. */
    public static InsertOptions overwrite() {
        return new InsertOptions(InsertMode.OVERWRITE, null, null, null);
    }
}
