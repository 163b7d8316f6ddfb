package dev.ledge.kv;

/** One entry fastly.toml puts into a KV store at start: key, value and metadata (empty for none). */
public record KvSeed(String key, byte[] value, byte[] metadata) {
}
