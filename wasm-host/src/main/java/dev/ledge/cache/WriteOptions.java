package dev.ledge.cache;

/**
 * How an object is stored: its freshness (max age, initial age, stale-while-revalidate,
 * stale-if-error), the vary rule and surrogate keys, the declared length (-1 when unknown), user
 * metadata, and for the HTTP cache the stored response head or the hit-for-pass marker.
 * Durations are nanoseconds, already clamped to {@code Long.MAX_VALUE}.
 */
public record WriteOptions(long maxAgeNs, long initialAgeNs, long staleWhileRevalidateNs, long staleIfErrorNs,
                           long edgeMaxAgeNs, VaryRule varyRule, SurrogateKeys surrogateKeys, long length,
                           byte[] userMetadata, boolean sensitive, StoredResponse response, boolean hitForPass) {

    /** Options with only a max age set. */
    public static WriteOptions maxAge(long maxAgeNs) {
        return new WriteOptions(maxAgeNs, 0, 0, 0, maxAgeNs, VaryRule.NONE, SurrogateKeys.NONE, -1, new byte[0],
                false, null, false);
    }

    /** The same options with a stored HTTP response and stale-if-error period. */
    public WriteOptions withResponse(StoredResponse r, long staleIfError) {
        return new WriteOptions(maxAgeNs, initialAgeNs, staleWhileRevalidateNs, staleIfError, edgeMaxAgeNs, varyRule,
                surrogateKeys, length, userMetadata, sensitive, r, hitForPass);
    }

    /** The same options marking a hit-for-pass record (responses here are not cacheable). */
    public WriteOptions asHitForPass() {
        return new WriteOptions(maxAgeNs, 0, 0, 0, maxAgeNs, varyRule, SurrogateKeys.NONE, 0, new byte[0], false,
                null, true);
    }

    /** A u64 duration from the guest, saturated to the largest long. */
    public static long clampU64(long u64) {
        return u64 < 0 ? Long.MAX_VALUE : u64;
    }
}
