package dev.ledge.kv;

/** A stored value as a lookup returns it: the bytes, the metadata (empty for none) and its generation. */
public record KvValue(byte[] value, byte[] metadata, long generation) {
}
