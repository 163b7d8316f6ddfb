package dev.ledge.abi;

/** A core-Wasm value type that hostcall parameters lower to. */
public enum CoreType {
    I32, I64
}
