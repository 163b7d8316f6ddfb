package dev.ledge.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hostcall: its module, name, typed parameters, documentation and the statuses it can return.
 * Every hostcall returns a single i32 status.
 */
public record AbiFunction(String module, String name, List<AbiParam> params, String doc,
                          Map<Status, String> statuses, Set<String> tags) {

    public AbiFunction {
        params = List.copyOf(params);
        statuses = Map.copyOf(statuses);
        tags = Set.copyOf(tags);
    }

    /** The core-Wasm parameter types this function takes, after lowering. */
    public List<CoreType> coreParams() {
        List<CoreType> out = new ArrayList<>();
        for (AbiParam p : params) {
            out.addAll(p.type().lowered());
        }
        return out;
    }

    /** {@code module.name}, as the support table and error messages spell it. */
    public String qualifiedName() {
        return module + "." + name;
    }

    /** The core signature in WAT-like notation, e.g. {@code (i32 i32) -> i32}. */
    public String coreSignature() {
        StringBuilder sb = new StringBuilder("(");
        List<CoreType> ps = coreParams();
        for (int i = 0; i < ps.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(ps.get(i).name().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.append(") -> i32").toString();
    }

    public boolean deprecated() {
        return tags.contains("deprecated");
    }

    /** True for calls that cannot exist off Fastly's network (image optimizer, shielding, ...). */
    public boolean fastlyOnly() {
        return tags.contains("fastly-only");
    }
}
