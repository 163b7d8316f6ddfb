package dev.ledge.purge;

/** Something that holds cached content and drops (or, for a soft purge, marks stale) what a purge names. */
@FunctionalInterface
public interface PurgeListener {
    /** Everything tagged with {@code surrogateKey} is purged; {@code soft} means mark stale instead of remove. */
    void purge(String surrogateKey, boolean soft);
}
