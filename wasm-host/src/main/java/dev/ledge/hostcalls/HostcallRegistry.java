package dev.ledge.hostcalls;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of implemented hostcalls, filled once at start by each ABI module's class
 * ({@link HttpBodyCalls}, {@link HttpReqCalls}, ...). Each entry states its own core signature;
 * a test checks every one against the ABI description in abi/.
 */
public final class HostcallRegistry {
    private final Map<String, HostcallDef> defs = new LinkedHashMap<>();

    /** The registry with every hostcall Ledge implements. */
    public static HostcallRegistry standard() {
        HostcallRegistry r = new HostcallRegistry();
        AbiInitCalls.register(r);
        HttpReqCalls.register(r);
        HttpRespCalls.register(r);
        TrailerCalls.register(r);
        HttpBodyCalls.register(r);
        DownstreamCalls.register(r);
        LogCalls.register(r);
        SendCalls.register(r);
        PendingResponseCalls.register(r);
        RequestSettingsCalls.register(r);
        BackendCalls.register(r);
        AsyncIoCalls.register(r);
        ConfigStoreCalls.register(r);
        DictionaryCalls.register(r);
        SecretStoreCalls.register(r);
        KvStoreCalls.register(r);
        ObjectStoreCalls.register(r);
        ErlCalls.register(r);
        AclCalls.register(r);
        DeviceDetectionCalls.register(r);
        ComputeRuntimeCalls.register(r);
        PurgeCalls.register(r);
        UapCalls.register(r);
        CacheCalls.register(r);
        HttpCacheCalls.register(r);
        CryptoCalls.register(r);
        GeoCalls.register(r);
        return r;
    }

    /** Registers {@code module.name} taking {@code params} and returning an i32 status. */
    public HostcallRegistry fn(String module, String name, List<ValType> params, Hostcall impl) {
        HostcallDef d = new HostcallDef(module, name, FunctionType.of(params, List.of(ValType.I32)), impl);
        if (defs.put(d.qualifiedName(), d) != null) {
            throw new IllegalStateException("hostcall " + d.qualifiedName() + " registered twice");
        }
        return this;
    }

    /** The implementation of {@code module.name}, or {@code null}. */
    public HostcallDef get(String module, String name) {
        return defs.get(module + "." + name);
    }

    public Map<String, HostcallDef> all() {
        return Collections.unmodifiableMap(defs);
    }

    /** Shorthand for parameter lists: {@code p(I32, I32, I64)}. */
    public static List<ValType> p(ValType... types) {
        return List.of(types);
    }

    /** {@code n} i32 parameters. */
    public static List<ValType> i32s(int n) {
        return Collections.nCopies(n, ValType.I32);
    }
}
