package dev.ledge.geo;

import dev.ledge.config.FastlyToml;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the service knows about IP addresses, answered in this order: the addresses listed in
 * {@code [local_server.geolocation]} (inline, or from a JSON file read again when it changes; exactly
 * as given, as Fastly's local tool answers them), then the MaxMind databases (their fields merged in the order listed),
 * then, for loopback addresses when {@code use_default_loopback} is on (the default), the record
 * Fastly's local tool gives them. Anything else is unknown.
 */
public final class Geolocation {
    /** Fastly's local tool's record for loopback addresses, as it writes it. */
    static final byte[] DEFAULT_LOOPBACK = ("{\"as_name\":\"Fastly, Inc\",\"as_number\":54113,\"area_code\":415,"
            + "\"city\":\"San Francisco\",\"conn_speed\":\"broadband\",\"conn_type\":\"wired\",\"continent\":\"NA\","
            + "\"country_code\":\"US\",\"country_code3\":\"USA\",\"country_name\":\"United States of America\","
            + "\"latitude\":37.77869,\"longitude\":-122.39557,\"metro_code\":0,\"postal_code\":\"94107\","
            + "\"proxy_description\":\"?\",\"proxy_type\":\"?\",\"region\":\"CA\",\"utc_offset\":-700}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Supplier<Map<InetAddress, byte[]>> addresses;
    private final List<GeoDatabase> databases;
    private final boolean useDefaultLoopback;
    private final Clock clock;

    Geolocation(Supplier<Map<InetAddress, byte[]>> addresses, List<GeoDatabase> databases, boolean useDefaultLoopback, Clock clock) {
        this.addresses = addresses;
        this.databases = List.copyOf(databases);
        this.useDefaultLoopback = useDefaultLoopback;
        this.clock = clock;
    }

    /** Reads the table (and opens its files) now; a bad entry fails here naming file, table and key. */
    public static void configure(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        b.put(Geolocation.class, GeolocationConfig.read(toml));
    }

    /** The compact JSON known for {@code addr}, or null when nothing is known about it. */
    public byte[] lookup(InetAddress addr) {
        byte[] found = find(addr);
        dev.ledge.ops.Metrics.global().geoLookup(found != null);
        return found;
    }

    /** The country code known for {@code addr} (for the access log; not counted as a guest lookup), or null. */
    public String countryCode(InetAddress addr) {
        byte[] found = find(addr);
        if (found == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode cc = CountryReader.JSON.readTree(found).get("country_code");
            return cc != null && cc.isTextual() && !cc.asText().isEmpty() ? cc.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Made when first needed (access logs only): an ObjectMapper costs a start tens of milliseconds. */
    private static final class CountryReader {
        static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    private byte[] find(InetAddress addr) {
        byte[] listed = addresses.get().get(addr);
        if (listed != null) {
            return listed;
        }
        if (!databases.isEmpty()) {
            GeoRecord r = new GeoRecord();
            for (GeoDatabase db : databases) {
                if (db.fill(addr, r, clock.instant())) {
                    r.found();
                }
            }
            if (r.isFound()) {
                return r.toJson();
            }
        }
        return useDefaultLoopback && addr.isLoopbackAddress() ? DEFAULT_LOOPBACK.clone() : null;
    }
}
