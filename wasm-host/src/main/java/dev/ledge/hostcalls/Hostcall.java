package dev.ledge.hostcalls;

import dev.ledge.session.Session;

/**
 * One hostcall's implementation: reads its arguments, does the work in the session, returns a
 * status code (0 for ok) or throws {@link dev.ledge.session.AbiError} with another status.
 */
@FunctionalInterface
public interface Hostcall {
    int call(Session session, long[] args) throws InterruptedException;
}
