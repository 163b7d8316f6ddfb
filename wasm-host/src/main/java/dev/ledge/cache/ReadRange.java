package dev.ledge.cache;

/**
 * The byte range a guest asked to read: {@code from} and {@code to} are inclusive offsets, each
 * -1 when absent; only {@code to} means the last {@code to} bytes. With
 * {@code alwaysUseRequestedRange} the range is honoured even while the length is unknown.
 */
public record ReadRange(long from, long to, boolean alwaysUseRequestedRange) {
    public static final ReadRange WHOLE = new ReadRange(-1, -1, false);

    public boolean isWhole() {
        return from < 0 && to < 0;
    }
}
