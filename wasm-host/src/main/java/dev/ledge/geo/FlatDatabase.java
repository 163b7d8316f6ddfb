package dev.ledge.geo;

import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;

/**
 * A database whose records are flat maps, such as the {@code @ip-location-db/*-mmdb} packages
 * ({@code country_code, state1, state2, city, postcode, latitude, longitude, timezone} for city
 * databases, {@code autonomous_system_number, autonomous_system_organization} for ASN ones), read
 * with the MaxMind DB reader. Flat records have no continent or subdivision code.
 */
final class FlatDatabase implements OpenDatabase {
    private final Reader reader;
    private final String type;

    FlatDatabase(Reader reader, String type) {
        this.reader = reader;
        this.type = type;
    }

    @Override
    public String describe() {
        return type + " (flat records)";
    }

    @Override
    public boolean fill(InetAddress addr, GeoRecord into, Instant now) throws IOException {
        Map<?, ?> r;
        try {
            r = reader.get(addr, Map.class);
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (r == null) {
            return false;
        }
        String cc = text(r.get("country_code"));
        if (cc != null) {
            into.offer("country_code", cc);
            into.offer("country_code3", GeoValues.alpha3(cc));
            into.offer("country_name", GeoValues.countryName(cc));
        }
        into.offer("city", text(r.get("city")));
        into.offer("postal_code", text(r.get("postcode")));
        into.offer("latitude", number(r.get("latitude")));
        into.offer("longitude", number(r.get("longitude")));
        into.offer("utc_offset", GeoValues.utcOffset(text(r.get("timezone")), now));
        Number asn = number(r.get("autonomous_system_number"));
        into.offer("as_number", asn == null ? null : asn.longValue());
        into.offer("as_name", text(r.get("autonomous_system_organization")));
        return true;
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }

    private static Number number(Object o) {
        if (o instanceof Number n) {
            return n instanceof Float f ? Double.valueOf(f.toString()) : n;
        }
        if (o instanceof String s && !s.isEmpty()) {
            try {
                return Double.valueOf(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
