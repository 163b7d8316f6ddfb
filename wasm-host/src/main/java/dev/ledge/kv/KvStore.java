package dev.ledge.kv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One KV store kept on disk: one file per key under {@code entries/} (named by the SHA-256 of the
 * key, see {@link EntryFile}), replaced atomically on every write, with an index of keys, metadata,
 * generations and expiry times held in memory. Values are read from disk on each lookup. A lock
 * file keeps a second process from using the same directory. Expiry is checked on every read.
 */
public final class KvStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("ledge.kv");
    /** Largest value a guest may store (Fastly's default limit of 25 MB). */
    public static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
    /** Largest metadata a guest may store (Fastly's limit of 2000 bytes). */
    public static final int MAX_METADATA_BYTES = 2000;

    private final String name;
    private final Path entries;
    private final Path tmp;
    private final LongSupplier clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final NavigableMap<String, EntryFile.Header> index = new TreeMap<>(KvKeys.ORDER);
    private long lastGeneration;

    private KvStore(String name, Path dir, LongSupplier clock, FileChannel lockChannel, FileLock lock) {
        this.name = name;
        this.entries = dir.resolve("entries");
        this.tmp = dir.resolve("tmp");
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the store kept in {@code dir} (creating it when new), with {@code clock} giving the time
     * in epoch milliseconds. Fails when another process, or another open store here, holds it.
     */
    public static KvStore open(String name, Path dir, LongSupplier clock) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException(dir + " is in use by another open KV store (another Ledge process, or a service already running here)");
        }
        KvStore store = new KvStore(name, dir, clock, ch, lock);
        try {
            store.load();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public String name() {
        return name;
    }

    private void load() throws IOException {
        Files.createDirectories(entries);
        Files.createDirectories(tmp);
        try (Stream<Path> leftovers = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
        long now = clock.getAsLong();
        try (Stream<Path> files = Files.walk(entries, 2)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    loadEntry(p, now);
                }
            }
        }
    }

    private void loadEntry(Path p, long now) throws IOException {
        EntryFile.Header h;
        try {
            h = EntryFile.readHeader(p);
        } catch (IOException e) {
            LOG.warning("KV store '" + name + "': skipping damaged entry file: " + e.getMessage());
            return;
        }
        if (!pathFor(h.key()).equals(p)) {
            LOG.warning("KV store '" + name + "': skipping " + p + ": its name does not match the key it holds");
            return;
        }
        lastGeneration = Math.max(lastGeneration, h.generation());
        if (h.expiredAt(now)) {
            Files.deleteIfExists(p);
            return;
        }
        index.put(h.key(), h);
    }

    /** The value under {@code key}; NOT_FOUND when there is none or it has expired. */
    public KvValue lookup(String key) throws KvStoreException {
        long now = clock.getAsLong();
        EntryFile.Header h;
        synchronized (this) {
            h = index.get(key);
        }
        if (h == null || h.expiredAt(now)) {
            throw notFound(key);
        }
        EntryFile.Entry e;
        try {
            // The file is replaced atomically, so whatever it holds now is one whole committed entry.
            e = EntryFile.readAll(pathFor(key));
        } catch (NoSuchFileException gone) {
            throw notFound(key);
        } catch (IOException io) {
            throw internal("reading " + key, io);
        }
        if (!e.header().key().equals(key)) {
            throw internal("reading " + key, new IOException("entry file holds key " + e.header().key()));
        }
        if (e.header().expiredAt(now)) {
            throw notFound(key);
        }
        return new KvValue(e.value(), e.header().metadata(), e.header().generation());
    }

    /** Stores {@code value} under {@code key} as {@code opts} say; the new value gets a new generation. */
    public synchronized void insert(String key, byte[] value, InsertOptions opts) throws KvStoreException {
        if (opts.metadata().length > MAX_METADATA_BYTES) {
            throw new KvStoreException(KvError.PAYLOAD_TOO_LARGE, "metadata of " + opts.metadata().length
                    + " bytes is over the limit of " + MAX_METADATA_BYTES);
        }
        long now = clock.getAsLong();
        EntryFile.Header cur = live(key, now);
        Long match = opts.ifGenerationMatch();
        if (match != null && (cur == null || cur.generation() != match)) {
            throw new KvStoreException(KvError.PRECONDITION_FAILED, "generation of " + key + " is not "
                    + Long.toUnsignedString(match));
        }
        byte[] stored = switch (opts.mode()) {
            case OVERWRITE -> value;
            case ADD -> {
                if (cur != null) {
                    throw new KvStoreException(KvError.PRECONDITION_FAILED, key + " already exists");
                }
                yield value;
            }
            case APPEND -> cur == null ? value : concat(readValue(key), value);
            case PREPEND -> cur == null ? value : concat(value, readValue(key));
        };
        if (stored.length > MAX_VALUE_BYTES) {
            throw new KvStoreException(KvError.PAYLOAD_TOO_LARGE, "value of " + stored.length
                    + " bytes is over the limit of " + MAX_VALUE_BYTES);
        }
        long expiresAt = opts.ttlSeconds() == null ? -1 : saturatingAdd(now, opts.ttlSeconds() * 1000);
        try {
            write(key, stored, opts.metadata(), expiresAt, now);
        } catch (IOException e) {
            throw internal("writing " + key, e);
        }
    }

    /** Removes {@code key}; NOT_FOUND when there was no value. */
    public synchronized void delete(String key) throws KvStoreException {
        if (live(key, clock.getAsLong()) == null) {
            throw notFound(key);
        }
        try {
            Files.deleteIfExists(pathFor(key));
        } catch (IOException e) {
            throw internal("deleting " + key, e);
        }
        index.remove(key);
    }

    /** One page of a listing: the keys, and the last of them when more keys follow (else null). */
    public record Page(List<String> keys, String nextAfter) {
    }

    /**
     * Up to {@code limit} keys that start with {@code prefix} (null for all) and sort after
     * {@code after} (null to start at the beginning), in code point order, skipping expired ones.
     */
    public synchronized Page list(String prefix, String after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a listing needs a limit of at least 1");
        }
        long now = clock.getAsLong();
        NavigableMap<String, EntryFile.Header> view = index;
        if (after != null && (prefix == null || KvKeys.ORDER.compare(after, prefix) >= 0)) {
            view = index.tailMap(after, false);
        } else if (prefix != null) {
            view = index.tailMap(prefix, true);
        }
        List<String> keys = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<String, EntryFile.Header> e : view.entrySet()) {
            if (prefix != null && !e.getKey().startsWith(prefix)) {
                break;
            }
            if (e.getValue().expiredAt(now)) {
                continue;
            }
            if (keys.size() == limit) {
                more = true;
                break;
            }
            keys.add(e.getKey());
        }
        return new Page(keys, more ? keys.get(keys.size() - 1) : null);
    }

    /**
     * Puts an entry from fastly.toml in place, without expiry. An identical entry already on disk is
     * kept as it is (with its generation); anything else under the key is replaced.
     */
    public synchronized void seed(KvSeed seed) throws IOException {
        long now = clock.getAsLong();
        EntryFile.Header cur = live(seed.key(), now);
        if (cur != null && cur.expiresAt() < 0 && Arrays.equals(cur.metadata(), seed.metadata())
                && cur.valueLength() == seed.value().length) {
            try {
                if (Arrays.equals(readValue(seed.key()), seed.value())) {
                    return;
                }
            } catch (KvStoreException e) {
                // A damaged entry is simply replaced.
            }
        }
        write(seed.key(), seed.value(), seed.metadata(), -1, now);
    }

    /** Number of keys in the index, expired or not (for tests and logs). */
    public synchronized int size() {
        return index.size();
    }

    private EntryFile.Header live(String key, long now) {
        EntryFile.Header h = index.get(key);
        if (h != null && h.expiredAt(now)) {
            index.remove(key);
            try {
                Files.deleteIfExists(pathFor(key));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "KV store '" + name + "': cannot remove expired " + key, e);
            }
            return null;
        }
        return h;
    }

    private byte[] readValue(String key) throws KvStoreException {
        try {
            return EntryFile.readAll(pathFor(key)).value();
        } catch (IOException e) {
            throw internal("reading " + key, e);
        }
    }

    private void write(String key, byte[] value, byte[] metadata, long expiresAt, long now) throws IOException {
        long generation = Math.max(lastGeneration + 1, now * 1_000_000L);
        EntryFile.Header h = new EntryFile.Header(key, metadata.clone(), generation, expiresAt, value.length);
        EntryFile.write(pathFor(key), tmp.resolve(UUID.randomUUID() + ".tmp"), h, value);
        lastGeneration = generation;
        index.put(key, h);
    }

    Path pathFor(String key) {
        String hex = sha256(key);
        return entries.resolve(hex.substring(0, 2)).resolve(hex);
    }

    static String sha256(String key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private KvStoreException notFound(String key) {
        return new KvStoreException(KvError.NOT_FOUND, "no value under " + key + " in KV store '" + name + "'");
    }

    private KvStoreException internal(String what, IOException e) {
        LOG.log(Level.WARNING, "KV store '" + name + "': " + what + " failed", e);
        return new KvStoreException(KvError.INTERNAL_ERROR, what + " failed: " + e.getMessage());
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "KV store '" + name + "': releasing its lock", e);
        }
    }
}
