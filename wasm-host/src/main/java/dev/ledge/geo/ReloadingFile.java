package dev.ledge.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * What was read from a file, read again when the file changes: at most once a second a call to
 * {@link #get()} compares the file's modification time, size and identity with what it saw last,
 * and when they differ reads the file again and swaps the result in atomically. A file that
 * cannot be read keeps the previous value (logged once per change), so callers never fail because
 * the file is being replaced.
 */
final class ReloadingFile<T> {
    /** Turns a file's bytes into the value callers use; IOException when they are not valid. */
    interface Parser<T> {
        T parse(byte[] bytes) throws IOException;
    }

    private static final Logger LOG = Logger.getLogger("ledge.geo");
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Path path;
    private final String what;
    private final Parser<T> parser;
    private final AtomicReference<T> current;
    private final AtomicLong nextCheck;
    private volatile String stamp;

    private ReloadingFile(Path path, String what, Parser<T> parser, T first, String stamp) {
        this.path = path;
        this.what = what;
        this.parser = parser;
        this.current = new AtomicReference<>(first);
        this.stamp = stamp;
        this.nextCheck = new AtomicLong(System.nanoTime() + CHECK_EVERY_NANOS);
    }

    /** Reads {@code path} now; NoSuchFileException or the parser's IOException when it cannot. */
    static <T> ReloadingFile<T> open(Path path, String what, Parser<T> parser) throws IOException {
        String stamp = stampOf(path);
        return new ReloadingFile<>(path, what, parser, parser.parse(Files.readAllBytes(path)), stamp);
    }

    Path path() {
        return path;
    }

    /** The value from the latest readable version of the file. */
    T get() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + CHECK_EVERY_NANOS)) {
            reloadIfChanged();
        }
        return current.get();
    }

    private void reloadIfChanged() {
        String seen;
        try {
            seen = stampOf(path);
        } catch (IOException e) {
            seen = "unreadable: " + e;
        }
        if (seen.equals(stamp)) {
            return;
        }
        stamp = seen;
        try {
            current.set(parser.parse(Files.readAllBytes(path)));
            LOG.info(what + " " + path + " changed and was read again");
        } catch (IOException | RuntimeException e) {
            LOG.warning(what + " " + path + " changed but cannot be read (" + e.getMessage()
                    + "); still answering from the previous version");
        }
    }

    private static String stampOf(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
    }
}
