package dev.ledge.abi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named types of the ABI (types.abi) plus the built-in primitives, resolvable by name. */
public final class TypeTable {
    private static final List<String> I32_PRIMITIVES = List.of("u8", "u16", "u32", "s8", "s16", "s32", "char8", "usize");
    private static final List<String> I64_PRIMITIVES = List.of("u64", "s64");

    private final Map<String, AbiType> named = new LinkedHashMap<>();
    private final Map<String, String> docs = new LinkedHashMap<>();

    TypeTable() {
        for (String p : I32_PRIMITIVES) {
            named.put(p, new AbiType(p, AbiType.Kind.PRIMITIVE, List.of(CoreType.I32), null, null));
        }
        for (String p : I64_PRIMITIVES) {
            named.put(p, new AbiType(p, AbiType.Kind.PRIMITIVE, List.of(CoreType.I64), null, null));
        }
        named.put("bytes", new AbiType("bytes", AbiType.Kind.LIST, List.of(CoreType.I32, CoreType.I32), null, "u8"));
        named.put("string", new AbiType("string", AbiType.Kind.LIST, List.of(CoreType.I32, CoreType.I32), null, "char8"));
    }

    void define(String name, AbiType type, String where) {
        if (named.containsKey(name)) {
            throw new AbiSpecException(where + ": type " + name + " is defined twice");
        }
        named.put(name, type);
    }

    void document(String name, String line) {
        docs.merge(name, line, (a, b) -> a + "\n" + b);
    }

    /** Resolves a type expression such as {@code out<body_handle>} or {@code list<request_handle>}. */
    public AbiType resolve(String expr, String where) {
        String e = expr.strip();
        int lt = e.indexOf('<');
        if (lt > 0) {
            if (!e.endsWith(">")) {
                throw new AbiSpecException(where + ": unbalanced type " + expr);
            }
            String ctor = e.substring(0, lt).strip();
            String inner = e.substring(lt + 1, e.length() - 1).strip();
            resolve(inner, where); // the pointee must exist too
            return switch (ctor) {
                case "ptr" -> new AbiType(e, AbiType.Kind.POINTER, List.of(CoreType.I32), null, inner);
                case "out" -> new AbiType(e, AbiType.Kind.OUT_POINTER, List.of(CoreType.I32), null, inner);
                case "list" -> new AbiType(e, AbiType.Kind.LIST, List.of(CoreType.I32, CoreType.I32), null, inner);
                default -> throw new AbiSpecException(where + ": unknown type constructor " + ctor + " in " + expr);
            };
        }
        AbiType t = named.get(e);
        if (t == null) {
            throw new AbiSpecException(where + ": unknown type " + e + " (declare it in types.abi)");
        }
        return t;
    }

    /** Resolves a type that may be passed by value (records may not). */
    AbiType resolveValue(String expr, String where) {
        AbiType t = resolve(expr, where);
        if (t.kind() == AbiType.Kind.RECORD) {
            throw new AbiSpecException(where + ": record " + expr.strip() + " can only be passed by ptr<> or out<>");
        }
        return t;
    }

    /** Every named type, built-in or declared, in declaration order. */
    public Map<String, AbiType> all() {
        return java.util.Collections.unmodifiableMap(named);
    }

    /** Documentation of a declared type, or an empty string. */
    public String doc(String name) {
        return docs.getOrDefault(name, "");
    }
}
