package dev.ledge.hostcalls;

import com.dylibso.chicory.wasm.ChicoryException;

/** The guest's thread was interrupted while it waited in a hostcall (its request was cancelled). */
public final class SandboxInterruptedException extends ChicoryException {
    public SandboxInterruptedException(String hostcall) {
        super("interrupted while waiting in " + hostcall);
    }
}
