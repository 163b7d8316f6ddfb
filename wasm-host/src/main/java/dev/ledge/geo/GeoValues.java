package dev.ledge.geo;

import com.maxmind.geoip2.model.AnonymousIpResponse;
import com.maxmind.geoip2.model.ConnectionTypeResponse.ConnectionType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.MissingResourceException;

/** Conversions from what MaxMind databases hold to the values Fastly's geolocation fields use. */
final class GeoValues {
    private GeoValues() {
    }

    /** The offset of IANA time zone {@code tz} from UTC now, as Fastly writes it (hours*100+minutes, e.g. -300, 530), or null. */
    static Integer utcOffset(String tz, Instant now) {
        if (tz == null || tz.isEmpty()) {
            return null;
        }
        int seconds;
        try {
            seconds = ZoneId.of(tz).getRules().getOffset(now).getTotalSeconds();
        } catch (DateTimeException e) {
            return null;
        }
        int minutes = Math.abs(seconds) / 60;
        int hhmm = minutes / 60 * 100 + minutes % 60;
        return seconds < 0 ? -hhmm : hhmm;
    }

    private static final Map<String, Optional<String>> ALPHA3 = new ConcurrentHashMap<>();
    private static final Map<String, Optional<String>> NAMES = new ConcurrentHashMap<>();

    /** The ISO 3166-1 alpha-3 code for alpha-2 {@code cc}, or null. */
    static String alpha3(String cc) {
        if (cc == null || cc.length() != 2) {
            return null;
        }
        return ALPHA3.computeIfAbsent(cc, c -> Optional.ofNullable(jdkAlpha3(c))).orElse(null);
    }

    private static String jdkAlpha3(String cc) {
        try {
            String a3 = new Locale("", cc).getISO3Country();
            return a3.isEmpty() ? null : a3;
        } catch (MissingResourceException e) {
            return null;
        }
    }

    /** The English short name of country {@code cc} from the JDK, or null. */
    static String countryName(String cc) {
        if (alpha3(cc) == null) {
            return null;
        }
        return NAMES.computeIfAbsent(cc, c -> Optional.ofNullable(jdkName(c))).orElse(null);
    }

    private static String jdkName(String cc) {
        String name = new Locale("", cc).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() || name.equalsIgnoreCase(cc) ? null : name;
    }

    /** Fastly's {@code conn_speed} for a GeoIP2 connection type. */
    static String connSpeed(ConnectionType t) {
        return switch (t) {
            case DIALUP -> "dialup";
            case CABLE_DSL -> "broadband";
            case CORPORATE -> "t1";
            case CELLULAR -> "mobile";
            case SATELLITE -> "satellite";
        };
    }

    /** Fastly's {@code conn_type} for a GeoIP2 connection type. */
    static String connType(ConnectionType t) {
        return switch (t) {
            case DIALUP -> "dialup";
            case CABLE_DSL, CORPORATE -> "wired";
            case CELLULAR -> "mobile";
            case SATELLITE -> "satellite";
        };
    }

    /** Fastly's {@code proxy_type} for a GeoIP2 Anonymous-IP record, or null when not anonymous. */
    static String proxyType(AnonymousIpResponse r) {
        if (r.isAnonymousVpn()) {
            return "vpn";
        }
        if (r.isPublicProxy() || r.isResidentialProxy()) {
            return "public";
        }
        if (r.isHostingProvider()) {
            return "hosting";
        }
        if (r.isAnonymous() || r.isTorExitNode()) {
            return "anonymous";
        }
        return null;
    }

    /** Fastly's {@code proxy_description} for a GeoIP2 Anonymous-IP record, or null. */
    static String proxyDescription(AnonymousIpResponse r) {
        if (r.isTorExitNode()) {
            return "tor-exit";
        }
        if (r.isAnonymousVpn()) {
            return "vpn";
        }
        if (r.isHostingProvider()) {
            return "cloud";
        }
        return null;
    }
}
