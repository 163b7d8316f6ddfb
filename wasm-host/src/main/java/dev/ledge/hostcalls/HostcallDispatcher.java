package dev.ledge.hostcalls;

import com.dylibso.chicory.runtime.WasmFunctionHandle;
import dev.ledge.abi.Status;
import dev.ledge.http.BodyException;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where a hostcall's outcome becomes the status the guest sees: AbiError gives its
 * status, a body in the wrong state gives {@code inval}, and any other host exception is logged
 * and answered with {@code error} so that it never crosses into the guest.
 */
public final class HostcallDispatcher {
    private static final Logger LOG = Logger.getLogger("ledge.hostcalls");
    private static final long[][] RESULTS = new long[Status.values().length][];
    private static volatile boolean trace = Boolean.getBoolean("ledge.traceHostcalls");

    static {
        for (Status s : Status.values()) {
            RESULTS[s.code()] = new long[] {s.code()};
        }
    }

    private HostcallDispatcher() {
    }

    /** Logs every hostcall with its arguments and status (for debugging guests). */
    public static void setTrace(boolean on) {
        trace = on;
    }

    /** The Chicory handle that runs {@code def} for whichever session is current. */
    public static WasmFunctionHandle handle(HostcallDef def) {
        Hostcall impl = def.impl();
        String[] coverageKeys = CallRecorder.keys(def.qualifiedName());
        return (instance, args) -> {
            Session s = Session.current();
            int status;
            String why = null;
            dev.ledge.engine.GuestThread.enterHost();
            try {
                status = impl.call(s, args);
            } catch (AbiError e) {
                status = e.status().code();
                why = e.getMessage();
            } catch (BodyException e) {
                status = Status.INVAL.code();
                why = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxInterruptedException(def.qualifiedName());
            } catch (RuntimeException e) {
                if (e instanceof com.dylibso.chicory.wasm.ChicoryException) {
                    throw e;
                }
                LOG.log(Level.WARNING, "[" + s.id() + "] hostcall " + def.qualifiedName() + " failed inside the host", e);
                status = Status.ERROR.code();
                why = e.toString();
            } finally {
                dev.ledge.engine.GuestThread.exitHost();
            }
            if (trace) {
                LOG.info("[" + s.id() + "] " + def.qualifiedName() + java.util.Arrays.toString(args) + " -> "
                        + Status.byCode(status).spelling() + (why == null ? "" : " (" + why + ")"));
            }
            if (CallRecorder.ENABLED) {
                CallRecorder.record(coverageKeys[status]);
            }
            return RESULTS[status];
        };
    }

    /** The handle for a call Ledge does not implement: it answers {@code unsupported}. */
    public static WasmFunctionHandle unsupported(String qualifiedName) {
        String coverageKey = CallRecorder.stubKey(qualifiedName);
        return (instance, args) -> {
            if (CallRecorder.ENABLED) {
                CallRecorder.record(coverageKey);
            }
            if (trace) {
                LOG.info("[" + Session.current().id() + "] " + qualifiedName + " -> unsupported");
            }
            return RESULTS[Status.UNSUPPORTED.code()];
        };
    }
}
