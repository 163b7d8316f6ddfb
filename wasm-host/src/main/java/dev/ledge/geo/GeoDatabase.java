package dev.ledge.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A MaxMind DB file that follows changes: at most once a second a lookup checks the file's
 * modification time and size, and when they changed reads the file again and swaps the reader in
 * atomically. A file that cannot be read keeps the reader it had (and is logged once per change),
 * so requests never fail because a database is being replaced.
 */
final class GeoDatabase {
    private static final Logger LOG = Logger.getLogger("ledge.geo");
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Path path;
    private final AtomicReference<OpenDatabase> current;
    private final AtomicLong nextCheck;
    private volatile String stamp;

    private GeoDatabase(Path path, OpenDatabase db, String stamp) {
        this.path = path;
        this.current = new AtomicReference<>(db);
        this.stamp = stamp;
        this.nextCheck = new AtomicLong(System.nanoTime() + CHECK_EVERY_NANOS);
    }

    /** Reads {@code path} now; IOException (with a message for the user) when it is missing or not a MaxMind DB. */
    static GeoDatabase open(Path path) throws IOException {
        String stamp = stampOf(path);
        return new GeoDatabase(path, OpenDatabase.read(Files.readAllBytes(path)), stamp);
    }

    Path path() {
        return path;
    }

    /** Fills what this database knows about {@code addr}; false when it has no record or cannot answer. */
    boolean fill(InetAddress addr, GeoRecord into, Instant now) {
        maybeReload();
        try {
            return current.get().fill(addr, into, now);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "geolocation database " + path + ": lookup of " + addr.getHostAddress() + " failed: " + e);
            return false;
        }
    }

    private void maybeReload() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + CHECK_EVERY_NANOS)) {
            return;
        }
        String seen;
        try {
            seen = stampOf(path);
        } catch (IOException e) {
            seen = "unreadable: " + e.getMessage();
        }
        if (seen.equals(stamp)) {
            return;
        }
        stamp = seen;
        try {
            OpenDatabase fresh = OpenDatabase.read(Files.readAllBytes(path));
            current.set(fresh);
            LOG.info("geolocation database " + path + " reloaded: " + fresh.describe());
        } catch (IOException | RuntimeException e) {
            LOG.warning("geolocation database " + path + " changed but cannot be read (" + e.getMessage()
                    + "); still answering from the previous version");
        }
    }

    private static String stampOf(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
    }
}
