package dev.ledge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ledge.engine.LedgeException;
import dev.ledge.engine.ModuleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A services file ({@code ledge serve --services FILE}): several services in one server, each a
 * {@code [services.NAME]} table with its module, its fastly.toml, the host names routed to it and
 * its own limits. Everything is checked here, before the server starts; an error names the file,
 * the service and the key.
 */
public final class ServicesFile {
    static final Set<String> KEYS = Set.of("module", "config", "hosts", "default", "cpu_budget_ms", "deadline_ms",
            "memory_cap_mib", "max_in_flight");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}");

    /** Where a services file's modules and fastly.toml files come from: the file system or ledge.jar. */
    public interface Source {
        /** The module {@code ref} names. */
        byte[] module(String ref);

        /** The fastly.toml {@code ref} names. */
        FastlyToml config(String ref);
    }

    private ServicesFile() {
    }

    /** Reads {@code file}; modules and fastly.toml paths in it are relative to its directory. */
    public static List<ServiceSpec> load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, new Source() {
            @Override
            public byte[] module(String ref) {
                return ModuleLoader.read(dir.resolve(ref));
            }

            @Override
            public FastlyToml config(String ref) {
                return FastlyToml.load(dir.resolve(ref));
            }
        });
    }

    /** Parses {@code text} (from {@code origin}, for messages), reading modules and configs from {@code source}. */
    public static List<ServiceSpec> parse(String origin, String text, Source source) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(origin + ": not valid TOML: " + m, e);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("services")) {
                throw new ConfigException(origin + ": unknown top-level key '" + k + "' (services are [services.NAME] tables)");
            }
        }
        JsonNode services = root.get("services");
        if (services == null || !services.isObject() || services.isEmpty()) {
            throw new ConfigException(origin + ": names no service; add a [services.NAME] table with a 'module' key");
        }
        List<ServiceSpec> specs = new ArrayList<>();
        String fallback = null;
        Map<String, String> hostOwner = new java.util.HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ServiceSpec s = service(origin, e.getKey(), e.getValue(), source);
            if (s.isDefault()) {
                if (fallback != null) {
                    throw s.error("default", "service '" + fallback + "' is the default already; only one may be");
                }
                fallback = s.name();
            }
            for (String h : s.hosts()) {
                String before = hostOwner.put(h.toLowerCase(java.util.Locale.ROOT), s.name());
                if (before != null) {
                    throw s.error("hosts", "host '" + h + "' is routed to service '" + before + "' already");
                }
            }
            if (s.hosts().isEmpty() && !s.isDefault()) {
                throw s.error("hosts", "no host name routes to this service; list some or make it the default (default = true)");
            }
            specs.add(s);
        }
        return List.copyOf(specs);
    }

    private static ServiceSpec service(String origin, String name, JsonNode t, Source source) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(origin + ": service name '" + name + "' must be 1-64 letters, digits, '-' or '_'");
        }
        if (!t.isObject()) {
            throw new ConfigException(origin + ": [services." + name + "] must be a table");
        }
        for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw error(origin, name, k, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        JsonNode module = t.get("module");
        if (module == null || !module.isTextual() || module.asText().isEmpty()) {
            throw error(origin, name, "module", "a string naming the service's .wasm file is required");
        }
        byte[] bytes;
        try {
            bytes = source.module(module.asText());
        } catch (LedgeException e) {
            throw error(origin, name, "module", e.getMessage());
        }
        FastlyToml toml = FastlyToml.empty();
        JsonNode config = t.get("config");
        if (config != null) {
            if (!config.isTextual() || config.asText().isEmpty()) {
                throw error(origin, name, "config", "must be a string naming a fastly.toml");
            }
            try {
                toml = source.config(config.asText());
            } catch (LedgeException e) {
                throw error(origin, name, "config", e.getMessage());
            }
        }
        List<String> hosts = new ArrayList<>();
        JsonNode h = t.get("hosts");
        if (h != null) {
            if (!h.isArray()) {
                throw error(origin, name, "hosts", "must be a list of host names, e.g. [\"shop.example\"]");
            }
            for (JsonNode one : h) {
                if (!one.isTextual() || !HOST.matcher(one.asText()).matches()) {
                    throw error(origin, name, "hosts", one + " is not a host name (letters, digits, '.', '-'; no port, no scheme)");
                }
                hosts.add(one.asText());
            }
        }
        JsonNode d = t.get("default");
        if (d != null && !d.isBoolean()) {
            throw error(origin, name, "default", "must be true or false");
        }
        String moduleName = Path.of(module.asText()).getFileName().toString();
        return new ServiceSpec(origin, name, List.copyOf(hosts), d != null && d.asBoolean(), moduleName, bytes, toml,
                positive(origin, name, t, "cpu_budget_ms"), positive(origin, name, t, "deadline_ms"),
                positive(origin, name, t, "memory_cap_mib"), intOrNull(positive(origin, name, t, "max_in_flight")));
    }

    private static Long positive(String origin, String name, JsonNode t, String key) {
        JsonNode v = t.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() <= 0 || v.asLong() > Integer.MAX_VALUE) {
            throw error(origin, name, key, "must be a positive whole number, not " + v);
        }
        return v.asLong();
    }

    private static Integer intOrNull(Long v) {
        return v == null ? null : v.intValue();
    }

    static ConfigException error(String origin, String service, String key, String problem) {
        return new ConfigException(origin + ": [services." + service + "] key '" + key + "': " + problem);
    }
}
