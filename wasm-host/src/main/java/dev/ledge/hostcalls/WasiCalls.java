package dev.ledge.hostcalls;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.ledge.session.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code wasi_snapshot_preview1}, from Chicory's WASI implementation. The functions are linked once
 * per module and shared by all requests; each call goes to the WASI state of the calling session
 * (its own argv, environment, stdout and stderr), which the session creates on first use.
 */
public final class WasiCalls {
    public static final String MODULE = "wasi_snapshot_preview1";
    /** The type Chicory gives each WASI function, by name. */
    private static final Map<String, FunctionType> TYPES = types();
    private static final Map<String, WasiBindings.Call> BINDINGS = WasiBindings.all();

    private WasiCalls() {
    }

    private static Map<String, FunctionType> types() {
        Map<String, FunctionType> m = new LinkedHashMap<>();
        try (WasiPreview1 template = WasiPreview1.builder().build()) {
            for (HostFunction f : template.toHostFunctions()) {
                m.put(f.name(), f.functionType());
            }
        }
        return m;
    }

    /** Loads this class (Chicory's WASI function types, its bindings) now: a start does it beside the module's load. */
    public static void warm() {
        // Class initialisation has done the work.
    }

    /** The WASI function {@code name} bound to whichever session calls it, or {@code null}. */
    public static HostFunction link(String name) {
        FunctionType type = TYPES.get(name);
        WasiBindings.Call call = BINDINGS.get(name);
        if (type == null || call == null) {
            return null;
        }
        return new HostFunction(MODULE, name, type,
                (instance, args) -> {
                    dev.ledge.engine.GuestThread.enterHost();
                    try {
                        return call.invoke(Session.current().wasi(), instance.memory(), args);
                    } finally {
                        dev.ledge.engine.GuestThread.exitHost();
                    }
                });
    }

    /** The type Chicory gives WASI function {@code name}, or {@code null}. */
    public static FunctionType type(String name) {
        return TYPES.get(name);
    }

    /** Names of every WASI function provided. */
    public static java.util.Set<String> names() {
        return TYPES.keySet();
    }
}
