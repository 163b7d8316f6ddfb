package dev.ledge.http;

/** An async item whose result is already there (e.g. a KV lookup Ledge answered at once): always ready. */
public interface CompletedItem extends AsyncItem {
    @Override
    default boolean isReady() {
        return true;
    }

    @Override
    default void onReady(Runnable action) {
        action.run();
    }
}
