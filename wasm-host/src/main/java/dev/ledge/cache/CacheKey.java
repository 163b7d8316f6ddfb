package dev.ledge.cache;

import java.util.Arrays;

/**
 * A key in the cache store: the guest's key bytes within a namespace, so that the core cache of
 * this service, the core cache used on behalf of another service and the HTTP cache never meet.
 */
public final class CacheKey {
    /** The longest key the core cache accepts. */
    public static final int MAX_LENGTH = 4096;

    private final String namespace;
    private final byte[] bytes;

    public CacheKey(String namespace, byte[] bytes) {
        this.namespace = namespace;
        this.bytes = bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey k && k.namespace.equals(namespace) && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return namespace.hashCode() * 31 + Arrays.hashCode(bytes);
    }
}
