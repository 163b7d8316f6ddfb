package com.dylibso.chicory.runtime;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.Table;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.function.Function;

/**
 * Ledge's one door into Chicory's instance constructor (package-private there), used by
 * {@code dev.ledge.engine.InstanceTemplate}. {@link Instance.Builder#build()} matches imports by
 * name, re-derives every per-module array and evaluates each table element on every call; a
 * pre-linked module has done all of that once, so it hands the results straight to the
 * constructor. The instance is returned uninitialized: the caller fills its tables from the
 * template and then calls {@link Instance#initialize(boolean)}.
 */
public final class PrelinkedInstanceAccess {
    private static final VarHandle REFS;

    static {
        VarHandle refs = null;
        try {
            var lookup = MethodHandles.privateLookupIn(TableInstance.class, MethodHandles.lookup());
            refs = lookup.findVarHandle(TableInstance.class, "refs", int[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not reachable (e.g. on the module path): tables are filled entry by entry instead.
        }
        REFS = refs;
    }

    private PrelinkedInstanceAccess() {
    }

    /**
     * Copies {@code refs} into a freshly created {@code table} (same size). The entries keep no
     * owning instance: Chicory's compiled code and interpreter both call an entry without an owner
     * in the calling instance, which is where every entry of a template's table belongs (a template
     * is only made when no entry belongs to another instance). Setting the owner of each entry
     * was most of the cost of an instantiation for modules with large tables (7,777 entries in a
     * JS-SDK module).
     */
    public static void fillTable(TableInstance table, int[] refs) {
        if (REFS != null) {
            System.arraycopy(refs, 0, (int[]) REFS.get(table), 0, refs.length);
            return;
        }
        for (int i = 0; i < refs.length; i++) {
            table.setRef(i, refs[i], null);
        }
    }

    /** An uninitialized instance built from already-resolved parts (see the class comment). */
    public static Instance create(WasmModule module, Global[] globals, Memory[] memories, DataSegment[] data,
                                  FunctionBody[] bodies, FunctionType[] types, int[] functionTypes, ImportValues imports,
                                  Table[] tables, Element[] elements, Map<String, Export> exports,
                                  Function<Instance, Machine> machineFactory) {
        return new Instance(module, globals, memories, data, bodies, types, functionTypes, imports, tables, elements,
                null, exports, machineFactory, null, null, false, false, null);
    }
}
