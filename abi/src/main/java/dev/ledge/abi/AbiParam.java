package dev.ledge.abi;

/** One parameter of a hostcall as the spec names and types it. */
public record AbiParam(String name, AbiType type) {
}
