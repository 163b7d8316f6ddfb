package dev.ledge.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AnonymousIpResponse;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.ConnectionTypeResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.record.Continent;
import com.maxmind.geoip2.record.Country;
import com.maxmind.geoip2.record.Subdivision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A GeoIP2-shaped database (City, Country, ASN, Connection-Type or Anonymous-IP), read through the GeoIP2 library. */
final class TypedDatabase implements OpenDatabase {
    /** The GeoIP2 database kinds Fastly's fields come from. */
    enum Kind { CITY, COUNTRY, ASN, CONNECTION_TYPE, ANONYMOUS_IP }

    private final DatabaseReader reader;
    private final Kind kind;
    private final String type;

    private TypedDatabase(DatabaseReader reader, Kind kind, String type) {
        this.reader = reader;
        this.kind = kind;
        this.type = type;
    }

    /** The kind a metadata {@code database_type} names (as the GeoIP2 library matches it), or null. */
    static Kind kindOf(String type) {
        if (type == null) {
            return null;
        }
        if (type.contains("Anonymous-IP")) {
            return Kind.ANONYMOUS_IP;
        }
        if (type.contains("Connection-Type")) {
            return Kind.CONNECTION_TYPE;
        }
        if (type.contains("GeoLite2-ASN") || type.contains("GeoIP2-ASN")) {
            return Kind.ASN;
        }
        if (type.contains("City") || type.contains("Enterprise")) {
            return Kind.CITY;
        }
        if (type.contains("Country")) {
            return Kind.COUNTRY;
        }
        return null;
    }

    static TypedDatabase read(byte[] bytes, Kind kind, String type) throws IOException {
        DatabaseReader r = new DatabaseReader.Builder(new ByteArrayInputStream(bytes)).locales(List.of("en"))
                .withCache(new CHMCache()).build();
        return new TypedDatabase(r, kind, type);
    }

    @Override
    public String describe() {
        return type + " (" + kind.name().toLowerCase().replace('_', '-') + ")";
    }

    @Override
    public boolean fill(InetAddress addr, GeoRecord into, Instant now) throws IOException {
        try {
            return switch (kind) {
                case CITY -> city(reader.tryCity(addr), into, now);
                case COUNTRY -> country(reader.tryCountry(addr), into);
                case ASN -> asn(reader.tryAsn(addr), into);
                case CONNECTION_TYPE -> connection(reader.tryConnectionType(addr), into);
                case ANONYMOUS_IP -> anonymous(reader.tryAnonymousIp(addr), into);
            };
        } catch (GeoIp2Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static boolean city(Optional<CityResponse> found, GeoRecord into, Instant now) {
        if (found.isEmpty()) {
            return false;
        }
        CityResponse r = found.get();
        countryAndContinent(r.country(), r.continent(), into);
        into.offer("city", english(r.city() == null ? null : r.city().names()));
        List<Subdivision> subs = r.subdivisions();
        if (subs != null && !subs.isEmpty()) {
            into.offer("region", subs.get(0).isoCode());
        }
        if (r.postal() != null) {
            into.offer("postal_code", r.postal().code());
        }
        if (r.location() != null) {
            into.offer("latitude", r.location().latitude());
            into.offer("longitude", r.location().longitude());
            into.offer("utc_offset", GeoValues.utcOffset(r.location().timeZone(), now));
        }
        return true;
    }

    private static boolean country(Optional<CountryResponse> found, GeoRecord into) {
        if (found.isEmpty()) {
            return false;
        }
        countryAndContinent(found.get().country(), found.get().continent(), into);
        return true;
    }

    private static void countryAndContinent(Country country, Continent continent, GeoRecord into) {
        if (country != null && country.isoCode() != null) {
            into.offer("country_code", country.isoCode());
            into.offer("country_code3", GeoValues.alpha3(country.isoCode()));
            String name = english(country.names());
            into.offer("country_name", name != null ? name : GeoValues.countryName(country.isoCode()));
        }
        if (continent != null) {
            into.offer("continent", continent.code());
        }
    }

    private static boolean asn(Optional<AsnResponse> found, GeoRecord into) {
        if (found.isEmpty()) {
            return false;
        }
        into.offer("as_number", found.get().autonomousSystemNumber());
        into.offer("as_name", found.get().autonomousSystemOrganization());
        return true;
    }

    private static boolean connection(Optional<ConnectionTypeResponse> found, GeoRecord into) {
        if (found.isEmpty()) {
            return false;
        }
        ConnectionTypeResponse.ConnectionType t = found.get().connectionType();
        if (t != null) {
            into.offer("conn_speed", GeoValues.connSpeed(t));
            into.offer("conn_type", GeoValues.connType(t));
        }
        return true;
    }

    private static boolean anonymous(Optional<AnonymousIpResponse> found, GeoRecord into) {
        if (found.isEmpty()) {
            return false;
        }
        into.offer("proxy_type", GeoValues.proxyType(found.get()));
        into.offer("proxy_description", GeoValues.proxyDescription(found.get()));
        return true;
    }

    private static String english(Map<String, String> names) {
        return names == null ? null : names.get("en");
    }
}
