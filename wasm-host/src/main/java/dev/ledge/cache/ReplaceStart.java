package dev.ledge.cache;

/** A replace under way: the object it replaces (or null) and, for the WAIT strategy, its obligation. */
public record ReplaceStart(CachedObject existing, Obligation obligation) {
}
