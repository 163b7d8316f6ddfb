package dev.ledge.engine.outline;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The function types the outliner adds after a module's own, each once. */
final class TypeRegistry {
    private final int base;
    private final List<FunctionType> added = new ArrayList<>();
    private final Map<FunctionType, Integer> index = new HashMap<>();

    TypeRegistry(int base) {
        this.base = base;
    }

    int indexOf(FunctionType t) {
        return index.computeIfAbsent(t, k -> {
            added.add(k);
            return base + added.size() - 1;
        });
    }

    List<FunctionType> added() {
        return added;
    }

    /** Writes a block type taking nothing and leaving {@code results}. */
    void blockType(Bytes out, List<ValType> results) {
        if (results.isEmpty()) {
            out.u8(0x40);
        } else if (results.size() == 1) {
            out.valType(results.get(0));
        } else {
            out.s64(indexOf(FunctionType.of(List.of(), results)));
        }
    }
}
