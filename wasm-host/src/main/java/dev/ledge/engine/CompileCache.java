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
import java.util.Arrays;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Compiled guest code kept on disk so that a restart does not recompile: one file per module,
 * named after the module's digest and the Chicory version that compiled it. Each entry carries a
 * SHA-256 (of its payload; for a split module, the key of its compiled code; for a
 * {@link BootEntry}, of the module it serves), the payload's length, and a
 * CRC-32C and a CRC-32 of all of that; an entry that is truncated, corrupt or from another format
 * is deleted and the module is compiled again, never trusted. The two CRCs, not a SHA-256 of the
 * payload, check the entry as it is read: both are intrinsics even in the JVM's interpreter and
 * C1 (11 MB in about 10 ms in a fresh JVM), where SHA-256 is not (350-480 ms for 11 MB with
 * -XX:TieredStopAtLevel=1, as scripts/ledge serves); a digest would protect no better against
 * someone able to write the cache directory, who could store a matching one.
 */
public final class CompileCache implements Cache {
    private static final Logger LOG = Logger.getLogger("ledge.cache");
    private static final byte[] MAGIC = {'L', 'E', 'D', 'G', 'E', 'C', 'C', '2'};
    /** Magic, SHA-256 of the payload, payload length, CRC-32C and CRC-32 of the digest, length and payload. */
    private static final int HEADER = MAGIC.length + 32 + 8 + 4 + 4;
    /** Changes whenever the entry layout or what goes into it changes. */
    static final String FORMAT = "v2-chicory-" + chicoryVersion();

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

    /** An intact entry's payload and its SHA-256, as its header holds it (covered by the entry's checksums). */
    record Verified(byte[] payload, byte[] sha256) {
    }

    @Override
    public byte[] get(String key) {
        Verified v = getVerified(key);
        return v == null ? null : v.payload();
    }

    /** An intact entry's payload where it lies in the entry as read ({@code length} bytes from {@code offset}), and its SHA-256. */
    record InPlace(byte[] entry, int offset, int length, byte[] sha256) {
    }

    /**
     * The entry for {@code key} with the SHA-256 of its payload, or null when there is none or it
     * is corrupt (then it is deleted). The digest comes checked with the entry, so callers need not hash again.
     */
    Verified getVerified(String key) {
        InPlace p = getInPlace(key);
        return p == null ? null : new Verified(Arrays.copyOfRange(p.entry(), p.offset(), p.offset() + p.length()), p.sha256());
    }

    /** As {@link #getVerified}, without copying the payload out of the entry (megabytes, for a start). */
    InPlace getInPlace(String key) {
        Path f = entry(key);
        byte[] all;
        try {
            all = FileBytes.read(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warning("cannot read compile cache entry " + f + ": " + e.getMessage() + "; compiling again");
            return null;
        }
        InPlace v = inPlace(all);
        if (v == null) {
            LOG.warning("compile cache entry " + f + " is corrupt; deleting it and compiling again");
            delete(key);
        }
        return v;
    }

    /** The payload if {@code entry} is intact, else {@code null}. */
    static byte[] verify(byte[] entry) {
        InPlace v = inPlace(entry);
        return v == null ? null : Arrays.copyOfRange(entry, v.offset(), v.offset() + v.length());
    }

    private static InPlace inPlace(byte[] entry) {
        if (entry.length < HEADER || !Arrays.equals(Arrays.copyOf(entry, MAGIC.length), MAGIC)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(entry);
        b.position(MAGIC.length);
        byte[] digest = new byte[32];
        b.get(digest);
        long len = b.getLong();
        int crc32c = b.getInt();
        int crc32 = b.getInt();
        if (len != entry.length - HEADER) {
            return null;
        }
        long[] sums = checksums(entry, digest, len);
        if (sums[0] != (crc32c & 0xffffffffL) || sums[1] != (crc32 & 0xffffffffL)) {
            return null;
        }
        return new InPlace(entry, HEADER, entry.length - HEADER, digest);
    }

    /** CRC-32C and CRC-32 of {@code digest}, {@code len} and the payload, which starts at {@link #HEADER} in {@code entry}. */
    private static long[] checksums(byte[] entry, byte[] digest, long len) {
        byte[] lenBytes = ByteBuffer.allocate(8).putLong(len).array();
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        java.util.zip.CRC32 k = new java.util.zip.CRC32();
        c.update(digest);
        c.update(lenBytes);
        c.update(entry, HEADER, entry.length - HEADER);
        k.update(digest);
        k.update(lenBytes);
        k.update(entry, HEADER, entry.length - HEADER);
        return new long[] {c.getValue(), k.getValue()};
    }

    @Override
    public void putIfAbsent(String key, byte[] payload) {
        if (!Files.exists(entry(key))) {
            putIfAbsent(key, payload, CompiledModule.sha256Bytes(payload));
        }
    }

    /** Stores {@code payload} under {@code key} with {@code digest} in the digest field, unless an entry exists. */
    void putIfAbsent(String key, byte[] payload, byte[] digest) {
        Path f = entry(key);
        if (Files.exists(f)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
            b.put(MAGIC).put(digest).putLong(payload.length).putInt(0).putInt(0).put(payload);
            long[] sums = checksums(b.array(), digest, payload.length);
            b.putInt(MAGIC.length + 32 + 8, (int) sums[0]).putInt(MAGIC.length + 32 + 8 + 4, (int) sums[1]);
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
