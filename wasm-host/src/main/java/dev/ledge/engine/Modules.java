package dev.ledge.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ExternalType;

/** Small questions about a parsed module that Chicory answers only indirectly. */
final class Modules {
    private Modules() {
    }

    /** The type of function {@code index} in the module's function index space (imports first). */
    static FunctionType functionType(WasmModule m, int index) {
        int imported = 0;
        for (int i = 0; i < m.importSection().importCount(); i++) {
            Import imp = m.importSection().getImport(i);
            if (imp.importType() == ExternalType.FUNCTION) {
                if (imported == index) {
                    return m.typeSection().getType(((FunctionImport) imp).typeIndex());
                }
                imported++;
            }
        }
        int local = index - imported;
        return m.typeSection().getType(m.functionSection().getFunctionType(local));
    }

    /** Number of functions the module defines itself. */
    static int definedFunctions(WasmModule m) {
        return m.functionSection().functionCount();
    }
}
