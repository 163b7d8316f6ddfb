package dev.ledge.engine;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.ledge.abi.AbiFunction;
import dev.ledge.abi.AbiSpec;
import dev.ledge.abi.CoreType;
import dev.ledge.hostcalls.HostcallDef;
import dev.ledge.hostcalls.HostcallDispatcher;
import dev.ledge.hostcalls.HostcallRegistry;
import dev.ledge.hostcalls.WasiCalls;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a module's imports once: every function it imports gets a host function whose type
 * matches exactly. Implemented hostcalls link to their code; calls the ABI describes but Ledge does
 * not implement answer {@code unsupported}; unknown WASI calls answer ENOSYS; imports nobody knows
 * answer {@code unsupported} if they return one i32 and trap when called otherwise. A declared type
 * that disagrees with the ABI is refused here, before any request runs.
 */
public final class Linker {
    /** WASI errno for "function not implemented". */
    private static final long[] ENOSYS = {52};

    private final HostcallRegistry registry;
    private final AbiSpec spec;

    public Linker(HostcallRegistry registry, AbiSpec spec) {
        this.registry = registry;
        this.spec = spec;
    }

    /** The link result: import values in the module's import order, and what each resolved to. */
    public record Linked(ImportValues imports, List<String> implemented, List<String> unsupported, List<String> unknown) {
    }

    public Linked link(String name, WasmModule module) {
        List<HostFunction> fns = new ArrayList<>();
        List<String> implemented = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            String qn = imp.module() + "." + imp.name();
            if (imp.importType() != ExternalType.FUNCTION) {
                throw new ModuleRejectedException(name + ": imports " + imp.importType().name().toLowerCase()
                        + " " + qn + "; Ledge provides only functions to guests");
            }
            FunctionType declared = module.typeSection().getType(((FunctionImport) imp).typeIndex());
            if (imp.module().equals(WasiCalls.MODULE)) {
                HostFunction wasi = WasiCalls.link(imp.name());
                if (wasi != null) {
                    requireType(name, qn, declared, wasi.functionType(), "WASI preview 1");
                    fns.add(wasi);
                    implemented.add(qn);
                } else {
                    fns.add(stub(imp, declared, ENOSYS));
                    unknown.add(qn);
                }
                continue;
            }
            HostcallDef def = registry.get(imp.module(), imp.name());
            AbiFunction described = spec.function(imp.module(), imp.name());
            if (described != null) {
                requireType(name, qn, declared, specType(described), "the ABI (abi/spec/" + imp.module() + ".abi)");
            }
            if (def != null) {
                requireType(name, qn, declared, def.type(), "Ledge's implementation");
                fns.add(new HostFunction(imp.module(), imp.name(), def.type(), HostcallDispatcher.handle(def)));
                implemented.add(qn);
            } else if (described != null) {
                fns.add(new HostFunction(imp.module(), imp.name(), declared, HostcallDispatcher.unsupported(qn)));
                unsupported.add(qn);
            } else {
                fns.add(stub(imp, declared, new long[] {dev.ledge.abi.Status.UNSUPPORTED.code()}));
                unknown.add(qn);
            }
        }
        ImportValues values = ImportValues.builder().withFunctions(new ArrayList<>(fns)).build();
        return new Linked(values, List.copyOf(implemented), List.copyOf(unsupported), List.copyOf(unknown));
    }

    /** The core type the ABI description gives a function. */
    public static FunctionType specType(AbiFunction f) {
        List<ValType> params = new ArrayList<>();
        for (CoreType t : f.coreParams()) {
            params.add(t == CoreType.I64 ? ValType.I64 : ValType.I32);
        }
        return FunctionType.of(params, List.of(ValType.I32));
    }

    private static void requireType(String module, String qn, FunctionType declared, FunctionType expected, String by) {
        if (!declared.equals(expected)) {
            throw new ModuleRejectedException(module + ": import " + qn + " is declared as " + describe(declared)
                    + " but " + by + " has " + describe(expected));
        }
    }

    /** A function type in WAT-like notation, e.g. {@code (i32 i64) -> i32}. */
    public static String describe(FunctionType t) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < t.params().size(); i++) {
            sb.append(i == 0 ? "" : " ").append(t.params().get(i).toString().toLowerCase(java.util.Locale.ROOT));
        }
        sb.append(") -> ");
        if (t.returns().isEmpty()) {
            return sb.append("()").toString();
        }
        for (int i = 0; i < t.returns().size(); i++) {
            sb.append(i == 0 ? "" : " ").append(t.returns().get(i).toString().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    /** An import nobody provides: answers {@code answer} if it returns one i32, otherwise traps. */
    private static HostFunction stub(Import imp, FunctionType declared, long[] answer) {
        String qn = imp.module() + "." + imp.name();
        WasmFunctionHandle h;
        if (declared.returns().size() == 1 && declared.returns().get(0).equals(ValType.I32)) {
            h = (inst, args) -> answer;
        } else {
            h = (inst, args) -> {
                throw new com.dylibso.chicory.runtime.TrapException("import " + qn + " is not provided by Ledge");
            };
        }
        return new HostFunction(imp.module(), imp.name(), declared, h);
    }
}
