package dev.ledge.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledge.config.FastlyToml;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads [local_server.backends] as Fastly's local tool does, refusing anything it would not accept. */
final class BackendsConfig {
    private static final Set<String> KEYS = Set.of("url", "override_host", "cert_host", "use_sni", "grpc",
            "ca_certificate", "client_certificate", "connect_timeout_ms", "first_byte_timeout_ms", "between_bytes_timeout_ms");

    private BackendsConfig() {
    }

    static Map<String, Backend> read(FastlyToml toml) {
        Map<String, Backend> out = new LinkedHashMap<>();
        JsonNode table = toml.localServerTable("backends");
        if (table == null) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), backend(toml, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Backend backend(FastlyToml toml, String name, JsonNode b) {
        String where = "local_server.backends." + name;
        if (!b.isObject()) {
            throw toml.error("local_server.backends", name, "must be a table with at least a url");
        }
        for (Iterator<String> k = b.fieldNames(); k.hasNext(); ) {
            String key = k.next();
            if (!KEYS.contains(key)) {
                throw toml.error(where, key, "is not a backend setting (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String url = text(toml, where, b, "url", true);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw toml.error(where, "url", "is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw toml.error(where, "url", "must be an absolute http:// or https:// URL with a host, not '" + url + "'");
        }
        ClientCertificate clientCert = b.has("client_certificate")
                ? ClientCertificateConfig.read(toml, where, b.get("client_certificate")) : null;
        String ca = null;
        if (b.has("ca_certificate")) {
            String v = text(toml, where, b, "ca_certificate", true);
            if (v.contains("-----BEGIN")) {
                ca = v;
            } else {
                Path p = toml.resolve(v);
                try {
                    ca = Files.readString(p);
                } catch (java.io.IOException e) {
                    throw toml.error(where, "ca_certificate", "cannot read " + p + ": " + e.getMessage());
                }
            }
        }
        return new Backend(name, uri, text(toml, where, b, "override_host", false), text(toml, where, b, "cert_host", false),
                null, bool(toml, where, b, "use_sni", true), ca, clientCert,
                millis(toml, where, b, "connect_timeout_ms", Backend.DEFAULT_CONNECT_MS),
                millis(toml, where, b, "first_byte_timeout_ms", Backend.DEFAULT_FIRST_BYTE_MS),
                millis(toml, where, b, "between_bytes_timeout_ms", Backend.DEFAULT_BETWEEN_BYTES_MS),
                null, null, false);
    }

    private static String text(FastlyToml toml, String where, JsonNode b, String key, boolean required) {
        JsonNode v = b.get(key);
        if (v == null) {
            if (required) {
                throw toml.error(where, key, "is missing");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw toml.error(where, key, "must be a non-empty string");
        }
        return v.asText();
    }

    private static boolean bool(FastlyToml toml, String where, JsonNode b, String key, boolean dflt) {
        JsonNode v = b.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw toml.error(where, key, "must be true or false");
        }
        return v.asBoolean();
    }

    private static int millis(FastlyToml toml, String where, JsonNode b, String key, int dflt) {
        JsonNode v = b.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw toml.error(where, key, "must be a positive number of milliseconds");
        }
        return v.asInt();
    }
}
