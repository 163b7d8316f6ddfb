package dev.ledge.engine;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.PrelinkedInstanceAccess;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveElement;
import com.dylibso.chicory.wasm.types.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything an instance of one pre-linked module is made from, resolved once: the import values
 * in import order, the module's arrays, the export map, and the contents element segments leave in
 * each table. {@link #instantiate} then only allocates what must be fresh (memory, globals,
 * tables, the per-instance copies Chicory keeps) and copies the tables in; no import is looked up
 * by name and no constant expression is evaluated for a table entry.
 *
 * <p>The table contents come from one probe instance built the ordinary way when the template is
 * made, so they are exactly what Chicory's own instantiation produces. Active element segments
 * are handed to instances as empty passive segments: after instantiation Wasm treats active
 * segments as dropped, which is what an empty segment behaves like. Table entries are copied
 * without an owning instance, which Chicory reads as "the calling instance" (see
 * {@code PrelinkedInstanceAccess.fillTable}). Modules with a start function, tags, or tables whose
 * entries refer to another instance use the ordinary path.
 */
final class InstanceTemplate {
    private final WasmModule module;
    private final Global[] globals;
    private final DataSegment[] data;
    private final FunctionBody[] bodies;
    private final FunctionType[] types;
    private final int[] functionTypes;
    private final ImportValues imports;
    private final Table[] tables;
    private final Element[] elements;
    private final Map<String, Export> exports;
    private final Function<Instance, Machine> machineFactory;
    /** Per table: every entry's reference after element initialisation (the table's full size). */
    private final int[][] tableRefs;
    private final boolean hasMemory;

    private InstanceTemplate(WasmModule module, ImportValues imports, Function<Instance, Machine> machineFactory,
                             int[][] tableRefs) {
        this.module = module;
        this.imports = imports;
        this.machineFactory = machineFactory;
        this.tableRefs = tableRefs;
        this.globals = module.globalSection().globals();
        this.data = module.dataSection().dataSegments();
        this.bodies = module.codeSection().functionBodies();
        this.types = module.typeSection().types();
        this.functionTypes = functionTypes(module);
        this.tables = new Table[module.tableSection().tableCount()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = copy(module.tableSection().getTable(i));
        }
        Element[] els = module.elementSection().elements();
        for (int i = 0; i < els.length; i++) {
            if (els[i] instanceof ActiveElement a) {
                els[i] = new PassiveElement(a.type(), List.of());
            }
        }
        this.elements = els;
        this.exports = new HashMap<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            exports.put(e.name(), e);
        }
        this.hasMemory = module.memorySection().map(s -> s.memoryCount() > 0).orElse(false);
    }

    /**
     * The template for {@code compiled} with {@code linked} imports, or null when the module needs
     * the ordinary path (see the class comment) or its probe instance cannot be built.
     */
    static InstanceTemplate of(CompiledModule compiled, Linker.Linked linked, Function<MemoryLimits, Memory> memoryFactory,
                               MemoryLimits memoryLimits) {
        WasmModule m = compiled.module();
        if (m.startSection().isPresent() || m.tagSection().isPresent()
                || m.memorySection().map(s -> s.memoryCount() > 1).orElse(false)) {
            return null;
        }
        Instance.Builder b = Instance.builder(m).withImportValues(linked.imports())
                .withMachineFactory(compiled.machineFactory()).withStart(false).withMemoryFactory(memoryFactory);
        if (memoryLimits != null) {
            b.withMemoryLimits(memoryLimits);
        }
        Instance probe;
        try {
            probe = b.build();
        } catch (RuntimeException e) {
            return null; // the ordinary path reports the failure on each request, as before
        }
        try {
            int count = m.tableSection().tableCount();
            int[][] refs = new int[count][];
            for (int t = 0; t < count; t++) {
                TableInstance filled = probe.table(t);
                if (!com.dylibso.chicory.wasm.types.ValType.FuncRef.equals(filled.elementType())) {
                    return null;
                }
                refs[t] = new int[filled.size()];
                for (int i = 0; i < filled.size(); i++) {
                    refs[t][i] = filled.ref(i);
                    Instance owner = filled.instance(i);
                    if (owner != null && owner != probe) {
                        return null;
                    }
                }
            }
            return new InstanceTemplate(m, linked.imports(), compiled.machineFactory(), refs);
        } finally {
            PrelinkedModule.release(probe);
        }
    }

    private static int[] functionTypes(WasmModule m) {
        int imported = linkedFunctionCount(m);
        int[] out = new int[imported + m.functionSection().functionCount()];
        int k = 0;
        for (int i = 0; i < m.importSection().importCount(); i++) {
            if (m.importSection().getImport(i) instanceof com.dylibso.chicory.wasm.types.FunctionImport f) {
                out[k++] = f.typeIndex();
            }
        }
        for (int i = 0; i < m.functionSection().functionCount(); i++) {
            out[k++] = m.functionSection().getFunctionType(i);
        }
        return out;
    }

    private static int linkedFunctionCount(WasmModule m) {
        return m.importSection().count(com.dylibso.chicory.wasm.types.ExternalType.FUNCTION);
    }

    /** An uninitialized instance with fresh memory and empty tables. */
    private Instance create(Function<MemoryLimits, Memory> memoryFactory, MemoryLimits memoryLimits) {
        Memory[] memories;
        if (hasMemory) {
            MemoryLimits l = memoryLimits != null ? memoryLimits : module.memorySection().get().getMemory(0).limits();
            memories = new Memory[] {memoryFactory.apply(l)};
        } else {
            memories = new Memory[0];
        }
        Table[] own = new Table[tables.length];
        for (int i = 0; i < own.length; i++) {
            own[i] = copy(tables[i]);
        }
        return PrelinkedInstanceAccess.create(module, globals, memories, data.clone(), bodies, types, functionTypes,
                imports, own, elements, exports, machineFactory);
    }

    /**
     * A table definition of its own: Chicory's {@code table.grow} raises the minimum in the
     * definition's limits, so instances sharing one definition would start at a size an earlier
     * instance grew to.
     */
    static Table copy(Table t) {
        var l = t.limits();
        return new Table(t.elementType(), new com.dylibso.chicory.wasm.types.TableLimits(l.min(), l.max(), l.shared()), t.initialize());
    }

    /** A fresh instance: tables filled as element segments would, then globals, memory and data. */
    Instance instantiate(Function<MemoryLimits, Memory> memoryFactory, MemoryLimits memoryLimits) {
        Instance inst = create(memoryFactory, memoryLimits);
        try {
            for (int t = 0; t < tableRefs.length; t++) {
                PrelinkedInstanceAccess.fillTable(inst.table(t), tableRefs[t]);
            }
            inst.initialize(false);
            return inst;
        } catch (RuntimeException | Error e) {
            PrelinkedModule.release(inst);
            throw e;
        }
    }
}
