package dev.ledge.hostcalls;

import static com.dylibso.chicory.wasm.types.ValType.I64;
import static dev.ledge.hostcalls.HostcallRegistry.p;

import dev.ledge.abi.Status;
import dev.ledge.session.AbiError;

/** {@code fastly_abi}: the version handshake the Rust and Go SDKs make first. */
final class AbiInitCalls {
    /** The only ABI version that exists. */
    static final long ABI_VERSION = 1;

    private AbiInitCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn("fastly_abi", "init", p(I64), (s, a) -> {
            if (a[0] != ABI_VERSION) {
                throw new AbiError(Status.ERROR, "ABI version " + a[0] + " is not supported; Ledge speaks version 1");
            }
            s.markAbiInitialized();
            return 0;
        });
    }
}
