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
    private static final Map<String, WasiCalls.Entry> ENTRIES = build();
    private static final Map<String, WasiBindings.Call> BINDINGS = WasiBindings.all();

    /** A WASI function: its position in Chicory's list, and its type. */
    record Entry(int index, FunctionType type) {
    }

    private WasiCalls() {
    }

    private static Map<String, Entry> build() {
        Map<String, Entry> m = new LinkedHashMap<>();
        try (WasiPreview1 template = WasiPreview1.builder().build()) {
            HostFunction[] fns = template.toHostFunctions();
            for (int i = 0; i < fns.length; i++) {
                m.put(fns[i].name(), new Entry(i, fns[i].functionType()));
            }
        }
        return m;
    }

    /** The WASI function {@code name} bound to whichever session calls it, or {@code null}. */
    public static HostFunction link(String name) {
        Entry e = ENTRIES.get(name);
        WasiBindings.Call call = BINDINGS.get(name);
        if (e == null || call == null) {
            return null;
        }
        return new HostFunction(MODULE, name, e.type(),
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
        Entry e = ENTRIES.get(name);
        return e == null ? null : e.type();
    }

    /** Names of every WASI function provided. */
    public static java.util.Set<String> names() {
        return ENTRIES.keySet();
    }
}
