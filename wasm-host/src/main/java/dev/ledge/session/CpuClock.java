package dev.ledge.session;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time of the calling thread, from the JVM's thread management interface. */
final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

    private CpuClock() {
    }

    /** Nanoseconds of CPU the calling thread has used (user and system), or -1 when the JVM cannot tell. */
    static long threadNanos() {
        return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
