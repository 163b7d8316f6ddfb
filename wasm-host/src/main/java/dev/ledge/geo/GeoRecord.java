package dev.ledge.geo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields Fastly's {@code fastly_geo.lookup} answers, filled from one or more databases: the
 * first database that knows a field sets it; fields nobody knows get Fastly's value for absent
 * data ({@code "?"} for strings, 0 for numbers). Serializes as one compact JSON object with the
 * keys in alphabetical order, as Fastly's local tool writes it.
 */
final class GeoRecord {
    static final List<String> STRING_FIELDS = List.of("as_name", "city", "conn_speed", "conn_type", "continent",
            "country_code", "country_code3", "country_name", "postal_code", "proxy_description", "proxy_type", "region");
    static final List<String> NUMBER_FIELDS = List.of("as_number", "area_code", "latitude", "longitude",
            "metro_code", "utc_offset");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> fields = new TreeMap<>();
    private boolean found;

    /** Marks that some database had a record for the address (even one with no useful field). */
    void found() {
        found = true;
    }

    boolean isFound() {
        return found;
    }

    /** Sets {@code field} unless an earlier database set it or the value is null or empty. */
    void offer(String field, Object value) {
        if (value == null || value instanceof String s && s.isEmpty()) {
            return;
        }
        fields.putIfAbsent(field, value);
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    /** The compact JSON of every field, absent ones with Fastly's defaults. */
    byte[] toJson() {
        Map<String, Object> all = new TreeMap<>(fields);
        for (String f : STRING_FIELDS) {
            all.putIfAbsent(f, "?");
        }
        for (String f : NUMBER_FIELDS) {
            Object zero = f.equals("latitude") || f.equals("longitude") ? (Object) 0.0 : (Object) 0;
            all.putIfAbsent(f, zero);
        }
        try {
            return JSON.writeValueAsBytes(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("geolocation fields did not serialize", e);
        }
    }
}
