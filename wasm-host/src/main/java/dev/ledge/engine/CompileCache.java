package dev.ledge.engine;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Compiled guest code kept on disk so that a restart does not recompile: one file per module,
 * named after the module's digest and the Chicory version that compiled it. Each entry carries a
 * SHA-256 of its payload; an entry that is truncated, corrupt or from another format is deleted
 * and the module is compiled again, never trusted.
 */
public final class CompileCache implements Cache {
    private static final Logger LOG = Logger.getLogger("ledge.cache");
    private static final byte[] MAGIC = {'L', 'E', 'D', 'G', 'E', 'C', 'C', '1'};
    private static final int HEADER = MAGIC.length + 32 + 8;
    /** Changes whenever the entry layout or what goes into it changes. */
    static final String FORMAT = "v1-chicory-" + chicoryVersion();

    private final Path dir;

    public CompileCache(Path dir) {
        this.dir = dir;
    }

    /** The default location: $LEDGE_CACHE_DIR, else ~/.cache/ledge/compiled. */
    public static Path defaultDir() {
        String env = System.getenv("LEDGE_CACHE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "ledge", "compiled");
    }

    public Path dir() {
        return dir;
    }

    /** The file that holds (or would hold) the entry for {@code key}. */
    public Path entry(String key) {
        String safe = key.matches("[A-Za-z0-9_.-]{1,128}") ? key : CompiledModule.sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return dir.resolve(safe + "." + FORMAT + ".bin");
    }

    /** Whether an entry exists for {@code key} (not whether it is intact: {@link #get} checks that). */
    public boolean contains(String key) {
        return Files.isRegularFile(entry(key));
    }

    /** An intact entry's payload and its SHA-256, the one its header holds and reading it checked. */
    record Verified(byte[] payload, byte[] sha256) {
    }

    @Override
    public byte[] get(String key) {
        Verified v = getVerified(key);
        return v == null ? null : v.payload();
    }

    /**
     * The entry for {@code key} with the SHA-256 of its payload, or null when there is none or it
     * is corrupt (then it is deleted). The digest comes checked, so callers need not hash again.
     */
    Verified getVerified(String key) {
        Path f = entry(key);
        byte[] all;
        try {
            all = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warning("cannot read compile cache entry " + f + ": " + e.getMessage() + "; compiling again");
            return null;
        }
        Verified v = verified(all);
        if (v == null) {
            LOG.warning("compile cache entry " + f + " is corrupt; deleting it and compiling again");
            delete(key);
        }
        return v;
    }

    /** The payload if {@code entry} is intact, else {@code null}. */
    static byte[] verify(byte[] entry) {
        Verified v = verified(entry);
        return v == null ? null : v.payload();
    }

    private static Verified verified(byte[] entry) {
        if (entry.length < HEADER || !Arrays.equals(Arrays.copyOf(entry, MAGIC.length), MAGIC)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(entry);
        b.position(MAGIC.length);
        byte[] digest = new byte[32];
        b.get(digest);
        long len = b.getLong();
        if (len != entry.length - HEADER) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(entry, HEADER, entry.length);
        return MessageDigest.isEqual(digest, CompiledModule.sha256Bytes(payload)) ? new Verified(payload, digest) : null;
    }

    @Override
    public void putIfAbsent(String key, byte[] payload) {
        Path f = entry(key);
        if (Files.exists(f)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
            b.put(MAGIC).put(CompiledModule.sha256Bytes(payload)).putLong(payload.length).put(payload);
            Path tmp = Files.createTempFile(dir, "entry", ".tmp");
            try {
                Files.write(tmp, b.array());
                try {
                    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.warning("cannot write compile cache entry " + f + ": " + e.getMessage());
        }
    }

    /** Removes the entry for {@code key}, if any. */
    public void delete(String key) {
        try {
            Files.deleteIfExists(entry(key));
        } catch (IOException e) {
            LOG.warning("cannot delete compile cache entry " + entry(key) + ": " + e.getMessage());
        }
    }


    private static String chicoryVersion() {
        try (InputStream in = MachineFactoryCompiler.class.getResourceAsStream("/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through
        }
        String v = MachineFactoryCompiler.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }
}
