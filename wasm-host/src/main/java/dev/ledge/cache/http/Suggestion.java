package dev.ledge.cache.http;

import dev.ledge.cache.SurrogateKeys;
import dev.ledge.cache.VaryRule;

/**
 * The cache options the HTTP cache suggests for a response: durations in nanoseconds, the vary
 * rule ({@code null} for "Vary: *", which cannot be cached), surrogate keys, and the length from
 * Content-Length (-1 without one).
 */
public record Suggestion(long maxAgeNs, long initialAgeNs, long staleWhileRevalidateNs, long staleIfErrorNs,
                         VaryRule varyRule, SurrogateKeys surrogateKeys, long length, boolean sensitive) {
}
