package dev.ledge.geo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A MaxMind DB file that follows changes (see {@link ReloadingFile}): a replaced database is read
 * again within about a second, and a broken replacement keeps the previous version answering.
 */
final class GeoDatabase {
    private static final Logger LOG = Logger.getLogger("ledge.geo");
    private final ReloadingFile<OpenDatabase> file;

    private GeoDatabase(ReloadingFile<OpenDatabase> file) {
        this.file = file;
    }

    /** Reads {@code path} now; IOException (with a message for the user) when it is missing or not a MaxMind DB. */
    static GeoDatabase open(Path path) throws IOException {
        return new GeoDatabase(ReloadingFile.open(path, "geolocation database", OpenDatabase::read));
    }

    /** The database inside ledge.jar, used when fastly.toml names none. */
    static GeoDatabase bundled() {
        BundledDatabase.preload();
        return new GeoDatabase(null);
    }

    /** Fills what this database knows about {@code addr}; false when it has no record or cannot answer. */
    boolean fill(InetAddress addr, GeoRecord into, Instant now) {
        if (file == null) {
            return BundledDatabase.fill(addr, into, now);
        }
        try {
            return file.get().fill(addr, into, now);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "geolocation database " + file.path() + ": lookup of " + addr.getHostAddress() + " failed: " + e);
            return false;
        }
    }
}
