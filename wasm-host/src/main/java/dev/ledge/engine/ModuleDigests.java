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
 * compile cache key, the deployment history), and for a module file named on the command line
 * read and hashed on a thread of its own as soon as the JVM is up, while the command line is still
 * being parsed: in a JVM just started, hashing megabytes takes a large share of the start.
 */
public final class ModuleDigests {
    /** Digests by array identity (a byte array's equals is identity), done or being computed; an array no longer used drops out. */
    private static final Map<byte[], CompletableFuture<byte[]>> DIGESTS = new WeakHashMap<>();
    /** Files being read ahead, by absolute normalised path. */
    private static final Map<Path, CompletableFuture<byte[]>> AHEAD = new ConcurrentHashMap<>();

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
     * Starts reading and hashing, on a daemon thread, each argument in {@code args} that names an
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
                    byte[] bytes = Files.readAllBytes(p);
                    f.complete(bytes);
                    sha256(bytes); // whoever needs it next waits for this rather than hashing again
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
