package dev.ledge.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The MaxMind DB files the geolocation tests read, written once per test run into
 * target/test-work/geo-db by src/test/geo/write-test-databases.pl (Debian's
 * libmaxmind-db-writer-perl, installed by scripts/install-toolchains.sh).
 */
public final class TestDatabases {
    private static Path dir;

    private TestDatabases() {
    }

    /** The directory holding city.mmdb, city-v2.mmdb, asn.mmdb, conn.mmdb, anon.mmdb and flat.mmdb. */
    public static synchronized Path dir() throws IOException, InterruptedException {
        if (dir != null) {
            return dir;
        }
        Path wat = Path.of(System.getProperty("ledge.wat.dir", "src/test/wat"));
        Path script = wat.resolveSibling("geo").resolve("write-test-databases.pl");
        Path out = Path.of(System.getProperty("ledge.test.work", "target/test-work")).resolve("geo-db");
        Files.createDirectories(out);
        Process p = new ProcessBuilder("perl", script.toString(), out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(script + " failed (is libmaxmind-db-writer-perl installed?): " + output);
        }
        dir = out;
        return dir;
    }
}
