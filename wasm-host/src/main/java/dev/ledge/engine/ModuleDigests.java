package dev.ledge.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The SHA-256 of each module, computed once per byte array however many places need it (the
 * compile cache key, the deployment history, the check of a boot entry's digest), and a module
 * file named on the command line read on a thread of its own as soon as the JVM is up, while the
 * command line is still being parsed. A start from a {@link BootEntry} takes the digest the entry
 * holds and checks it here once the start is over: in a JVM just started, hashing megabytes takes
 * a large share of the start.
 */
public final class ModuleDigests {
    /** Digests by array identity (a byte array's equals is identity), done or being computed; an array no longer used drops out. */
    private static final Map<byte[], CompletableFuture<byte[]>> DIGESTS = new WeakHashMap<>();
    /** Files being read ahead, by absolute normalised path. */
    private static final Map<Path, CompletableFuture<byte[]>> AHEAD = new ConcurrentHashMap<>();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("ledge.cache");
    /** How long after a start its digests are checked ({@code -Dledge.digest.checkDelayMs}, default 5 s): the first requests come first. */
    private static long checkDelayMs() {
        return Long.getLong("ledge.digest.checkDelayMs", 5_000);
    }

    private ModuleDigests() {
    }

    /**
     * The SHA-256 of {@code bytes}, hashed now unless these very bytes were hashed before or are
     * being hashed (then it waits for that).
     */
    public static byte[] sha256(byte[] bytes) {
        CompletableFuture<byte[]> digest;
        boolean mine = false;
        synchronized (DIGESTS) {
            digest = DIGESTS.get(bytes);
            if (digest == null) {
                digest = new CompletableFuture<>();
                DIGESTS.put(bytes, digest);
                mine = true;
            }
        }
        if (mine) {
            try {
                digest.complete(CompiledModule.sha256Bytes(bytes));
            } catch (RuntimeException | Error e) {
                synchronized (DIGESTS) {
                    DIGESTS.remove(bytes);
                }
                digest.completeExceptionally(e);
                throw e;
            }
        }
        return digest.join().clone();
    }

    /**
     * Checks on a daemon thread, {@link #checkDelayMs} from now, that {@code bytes} hash to
     * {@code expected}, the digest a boot entry gave for them; if they do not (the entry's
     * fingerprint matched bytes it was not made for), says so in the log and runs {@code onMismatch}.
     */
    static void verifyLater(String name, byte[] bytes, byte[] expected, Runnable onMismatch) {
        long delay = checkDelayMs();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            if (!java.util.Arrays.equals(sha256(bytes), expected)) {
                LOG.severe(name + ": its boot entry in the compile cache was made for other bytes with the same checksums;"
                        + " the entry is deleted, restart Ledge to serve this module's own code");
                onMismatch.run();
            }
        }, "ledge-digest-check");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Starts reading, on a daemon thread, each argument in {@code args} that names an
     * existing {@code .wasm} file no larger than {@link ModuleLoader#MAX_MODULE_BYTES}; a later
     * {@link ModuleLoader#read} of the same file takes those bytes. Anything that goes wrong here is
     * left for that read to find and report.
     */
    public static void readAhead(String[] args) {
        for (String a : args) {
            if (!a.endsWith(".wasm")) {
                continue;
            }
            Path p;
            try {
                p = Path.of(a).toAbsolutePath().normalize();
                if (!Files.isRegularFile(p) || Files.size(p) > ModuleLoader.MAX_MODULE_BYTES || AHEAD.containsKey(p)) {
                    continue;
                }
            } catch (java.io.IOException | RuntimeException e) {
                continue;
            }
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            AHEAD.put(p, f);
            Thread t = new Thread(() -> {
                try {
                    f.complete(FileBytes.read(p));
                } catch (java.io.IOException | RuntimeException | Error e) {
                    f.completeExceptionally(e);
                }
            }, "ledge-module-read-ahead");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * The bytes of {@code path} if it was read ahead (waiting for that read; once only: a later
     * read of the file reads it afresh), or null when it was not or that read failed.
     */
    static byte[] takeReadAhead(Path path) {
        if (AHEAD.isEmpty()) {
            return null;
        }
        CompletableFuture<byte[]> f = AHEAD.remove(path.toAbsolutePath().normalize());
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
