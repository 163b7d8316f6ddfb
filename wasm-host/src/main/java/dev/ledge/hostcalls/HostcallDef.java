package dev.ledge.hostcalls;

import com.dylibso.chicory.wasm.types.FunctionType;

/** A hostcall Ledge implements: where it is imported from, the core signature it declares, and the code. */
public record HostcallDef(String module, String name, FunctionType type, Hostcall impl) {

    public String qualifiedName() {
        return module + "." + name;
    }
}
