package dev.ledge.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;

/**
 * One MaxMind DB file read into memory, able to fill a {@link GeoRecord} for an address. GeoIP2
 * and GeoLite2 databases (City, Country, ASN, Connection-Type, Anonymous-IP) are read with the
 * GeoIP2 library; any other layout (e.g. the flat records of the {@code @ip-location-db} packages)
 * with the MaxMind DB reader directly.
 */
interface OpenDatabase {
    /** Fills what this database knows about {@code addr}; false when it has no record for it. */
    boolean fill(InetAddress addr, GeoRecord into, Instant now) throws IOException;

    /** What kind of database this is, for log lines and errors (e.g. "GeoLite2-City (City)"). */
    String describe();

    /** Reads a database from its bytes; IOException when they are not a MaxMind DB. */
    static OpenDatabase read(byte[] bytes) throws IOException {
        Reader raw = new Reader(new ByteArrayInputStream(bytes), new CHMCache());
        String type = raw.getMetadata().databaseType();
        TypedDatabase.Kind kind = TypedDatabase.kindOf(type);
        if (kind != null && !looksFlat(raw)) {
            return TypedDatabase.read(bytes, kind, type);
        }
        return new FlatDatabase(raw, type);
    }

    /** True when the first record of the database is a flat one ({@code country_code} or a string {@code city}). */
    private static boolean looksFlat(Reader raw) throws IOException {
        try {
            Networks<Map> networks = raw.networks(false, Map.class);
            if (!networks.hasNext()) {
                return false;
            }
            DatabaseRecord<Map> first = networks.next();
            Map<?, ?> data = first.data();
            return data != null && (data.containsKey("country_code") || data.get("city") instanceof String);
        } catch (com.maxmind.db.InvalidNetworkException | RuntimeException e) {
            throw new IOException("cannot read the first record: " + e.getMessage(), e);
        }
    }
}
