package dev.ledge.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.ledge.hostcalls.SandboxInterruptedException;
import dev.ledge.session.Session;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request's run of a guest: instantiate fresh, bind the session to the calling thread, call
 * {@code _start}, and turn however it ends into a {@link RunOutcome}. Never throws for anything
 * the guest does.
 */
public final class Sandbox {
    private static final Logger LOG = Logger.getLogger("ledge.sandbox");
    private static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();
    private final PrelinkedModule module;
    private final SandboxLimits limits;

    Sandbox(PrelinkedModule module, SandboxLimits limits) {
        this.module = module;
        this.limits = limits;
    }

    /** Sandboxes running a guest now, across the process (a soak run checks it returns to 0). */
    public static int running() {
        return RUNNING.get();
    }

    public RunOutcome run(Session session) {
        long t0 = System.nanoTime();
        long t1 = t0;
        Instance instance = null;
        RUNNING.incrementAndGet();
        Watchdog.Run watched = Watchdog.watch(Thread.currentThread(), limits);
        try {
            instance = module.instantiate();
            t1 = System.nanoTime();
            session.markInstantiated(t1 - t0);
            session.enter(memoryOf(instance));
            instance.export("_start").apply();
            return new RunOutcome(RunOutcome.Kind.COMPLETED, 0, null, t1 - t0, System.nanoTime() - t1);
        } catch (WasiExitException e) {
            RunOutcome.Kind k = e.exitCode() == 0 ? RunOutcome.Kind.COMPLETED : RunOutcome.Kind.EXITED;
            return new RunOutcome(k, e.exitCode(), k == RunOutcome.Kind.EXITED ? "exited with code " + e.exitCode() : null,
                    t1 - t0, System.nanoTime() - t1);
        } catch (SandboxInterruptedException | com.dylibso.chicory.runtime.ChicoryInterruptedException e) {
            String limit = watched.exceeded;
            if (limit != null) {
                String what = limit.equals("CPU budget") ? "CPU budget of " + limits.cpuBudgetMs() + " ms"
                        : "wall-clock deadline of " + limits.deadlineMs() + " ms";
                return new RunOutcome(RunOutcome.Kind.LIMIT_EXCEEDED, 0, "stopped: it used up its " + what, t1 - t0, System.nanoTime() - t1);
            }
            return new RunOutcome(RunOutcome.Kind.INTERRUPTED, 0, e.getMessage(), t1 - t0, System.nanoTime() - t1);
        } catch (MemoryBudgetExhaustedException e) {
            return new RunOutcome(RunOutcome.Kind.LIMIT_EXCEEDED, 0, "not started: " + e.getMessage(), t1 - t0, System.nanoTime() - t1);
        } catch (StackOverflowError e) {
            return trapped(instance == null ? "stack overflow while instantiating" : "call stack exhausted", t0, t1);
        } catch (ChicoryException e) {
            return trapped(instance == null ? "instantiation failed: " + e.getMessage() : e.getMessage(), t0, t1);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(Level.WARNING, "[" + session.id() + "] host failure while running " + module.name(), e);
            return trapped("host failure: " + e, t0, t1);
        } finally {
            Watchdog.release(watched);
            PrelinkedModule.release(instance);
            // Guest threads are pooled: a stop must not leak into the next run.
            Thread.interrupted();
            session.exit();
            RUNNING.decrementAndGet();
        }
    }

    /** The instance's memory 0, or null for a module without memory. */
    private static com.dylibso.chicory.runtime.Memory memoryOf(Instance instance) {
        return module0HasMemory(instance) ? instance.memory() : null;
    }

    private static boolean module0HasMemory(Instance instance) {
        return instance.module().memorySection().map(ms -> ms.memoryCount() > 0).orElse(false);
    }

    private static RunOutcome trapped(String message, long t0, long t1) {
        return new RunOutcome(RunOutcome.Kind.TRAPPED, 0, message, t1 - t0, System.nanoTime() - t1);
    }
}
