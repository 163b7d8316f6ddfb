package dev.ledge.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledge.config.FastlyToml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a static backend's {@code client_certificate} table as Fastly's local tool does: the PEM
 * certificate (chain) inline as {@code certificate} or from {@code certificate_file}, and its PEM
 * private key inline as {@code key} or from {@code key_file}; files are resolved against the
 * directory of fastly.toml.
 */
final class ClientCertificateConfig {
    private static final Set<String> KEYS = Set.of("certificate", "certificate_file", "key", "key_file");

    private ClientCertificateConfig() {
    }

    /** The checked client certificate of backend table {@code where}, from its value {@code v}. */
    static ClientCertificate read(FastlyToml toml, String where, JsonNode v) {
        if (!v.isObject()) {
            throw toml.error(where, "client_certificate",
                    "must be a table: { certificate = \"PEM\" or certificate_file = \"path\", key = \"PEM\" or key_file = \"path\" }");
        }
        String table = where + ".client_certificate";
        for (Iterator<String> k = v.fieldNames(); k.hasNext(); ) {
            String key = k.next();
            if (!KEYS.contains(key)) {
                throw toml.error(table, key, "is not a client certificate setting (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        String cert = pem(toml, table, v, "certificate", "the certificate (chain)");
        String key = pem(toml, table, v, "key", "the private key");
        try {
            return ClientCertificate.parse(cert, key);
        } catch (ClientCertificate.Invalid e) {
            String files = java.util.stream.Stream.of("certificate_file", "key_file").filter(v::has)
                    .map(f -> f + " " + toml.resolve(v.get(f).asText())).collect(java.util.stream.Collectors.joining(", "));
            throw toml.error(table, null, e.getMessage() + (files.isEmpty() ? "" : " (" + files + ")"));
        }
    }

    /** The PEM text of {@code name}: inline under that key, or read from the file under {@code name_file}. */
    private static String pem(FastlyToml toml, String table, JsonNode v, String name, String what) {
        String fileKey = name + "_file";
        JsonNode inline = v.get(name);
        JsonNode file = v.get(fileKey);
        if (inline != null && file != null) {
            throw toml.error(table, name, "set either '" + name + "' or '" + fileKey + "', not both");
        }
        if (inline == null && file == null) {
            throw toml.error(table, name, "is missing: give " + what + " as '" + name + "' (PEM text) or '" + fileKey + "' (a path)");
        }
        String key = inline != null ? name : fileKey;
        JsonNode value = inline != null ? inline : file;
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw toml.error(table, key, "must be a non-empty string");
        }
        if (inline != null) {
            return value.asText();
        }
        Path p = toml.resolve(value.asText());
        try {
            return Files.readString(p);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw toml.error(table, key, "cannot read " + p + ": " + e.getMessage());
        }
    }
}
