package dev.ledge.abi;

import java.util.List;
import java.util.Set;

/** One import module of the ABI, e.g. {@code fastly_http_body}, with its functions in spec order. */
public record AbiModule(String name, String doc, Set<String> tags, List<AbiFunction> functions) {

    public AbiModule {
        tags = Set.copyOf(tags);
        functions = List.copyOf(functions);
    }

    /** The function with this name, or {@code null}. */
    public AbiFunction function(String fn) {
        for (AbiFunction f : functions) {
            if (f.name().equals(fn)) {
                return f;
            }
        }
        return null;
    }
}
