package dev.ledge.abi;

import java.util.List;
import java.util.Map;

/**
 * A type in the ABI description, resolved to how it lowers to core Wasm.
 *
 * @param name the type as written, e.g. {@code body_handle} or {@code out<usize>}
 * @param kind what sort of type it is
 * @param lowered the core params one value of this type occupies
 * @param values for enums and flags, the named values (name to number), in declaration order
 * @param target for pointers and lists, the pointed-to type's name; for aliases the aliased name
 */
public record AbiType(String name, Kind kind, List<CoreType> lowered, Map<String, Long> values, String target) {

    /** What sort of type a name denotes. */
    public enum Kind { PRIMITIVE, HANDLE, ENUM, FLAGS, RECORD, POINTER, OUT_POINTER, LIST }

    public AbiType {
        lowered = List.copyOf(lowered);
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
