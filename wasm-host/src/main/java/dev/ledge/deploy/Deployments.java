package dev.ledge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledge.engine.LedgeException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module versions deployed to each service, kept under a state directory so that they
 * outlive a restart: {@code DIR/SERVICE/N.wasm} per version and {@code DIR/SERVICE/state.json}
 * with the versions, the order they were activated in (so a rollback can undo the last one) and
 * the hash of the module the services file named when last started.
 */
public final class Deployments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, State> states = new LinkedHashMap<>();

    /** The activation history and versions of one service. */
    private static final class State {
        final Map<Integer, ModuleVersion> versions = new LinkedHashMap<>();
        final List<Integer> history = new ArrayList<>();
        String fileSha256;

        int active() {
            return history.get(history.size() - 1);
        }
    }

    public Deployments(Path dir) {
        this.dir = dir;
    }

    /** The default state directory: {@code deployments} under Ledge's data directory. */
    public static Path defaultDir(Path dataDir) {
        return dataDir.resolve("deployments");
    }

    public Path dir() {
        return dir;
    }

    /**
     * The version to serve at start: the last active one, unless {@code configured} (the module
     * the services file or command line names) differs from the one named at the last start; then
     * {@code configured} becomes a new version and is active.
     */
    public synchronized ModuleVersion atStart(String service, byte[] configured, String source) {
        State s = state(service);
        String sha = sha256(configured);
        if (!s.history.isEmpty() && sha.equals(s.fileSha256)) {
            return s.versions.get(s.active());
        }
        s.fileSha256 = sha;
        return add(service, configured, source);
    }

    /** Stores {@code wasm} as the service's next version and makes it the active one. */
    public synchronized ModuleVersion add(String service, byte[] wasm, String source) {
        State s = state(service);
        int id = s.versions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        ModuleVersion v = new ModuleVersion(id, sha256(wasm), Instant.now(), wasm.length, source);
        Path file = serviceDir(service).resolve(id + ".wasm");
        try {
            Files.createDirectories(file.getParent());
            writeAtomically(file, wasm);
        } catch (IOException e) {
            throw new LedgeException("cannot store version " + id + " of " + service + " in " + file + ": " + e.getMessage(), e);
        }
        s.versions.put(id, v);
        s.history.add(id);
        save(service, s);
        return v;
    }

    /** The versions of {@code service}, oldest first. */
    public synchronized List<ModuleVersion> versions(String service) {
        return List.copyOf(state(service).versions.values());
    }

    /** The active version's number, or 0 when the service has none. */
    public synchronized int active(String service) {
        State s = state(service);
        return s.history.isEmpty() ? 0 : s.active();
    }

    /** Version {@code id} of {@code service}, or null. */
    public synchronized ModuleVersion version(String service, int id) {
        return state(service).versions.get(id);
    }

    /** The version that was active before the current one, or null when there is none. */
    public synchronized ModuleVersion previous(String service) {
        State s = state(service);
        return s.history.size() < 2 ? null : s.versions.get(s.history.get(s.history.size() - 2));
    }

    /** The stored module of a version. */
    public byte[] bytes(String service, int id) {
        Path file = serviceDir(service).resolve(id + ".wasm");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LedgeException("cannot read version " + id + " of " + service + " from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes {@code id} active: an undo of the last activation when it is the previous one, else a new activation. */
    public synchronized void activate(String service, int id) {
        State s = state(service);
        if (!s.versions.containsKey(id)) {
            throw new IllegalArgumentException(service + " has no version " + id);
        }
        if (s.history.size() >= 2 && s.history.get(s.history.size() - 2) == id) {
            s.history.remove(s.history.size() - 1);
        } else if (s.history.isEmpty() || s.active() != id) {
            s.history.add(id);
        }
        save(service, s);
    }

    /** The SHA-256 of {@code bytes} in hex (computed once per array: see {@link dev.ledge.engine.ModuleDigests}). */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(dev.ledge.engine.ModuleDigests.sha256(bytes));
    }

    /** The service's directory; characters other than letters, digits, '.', '-', '_' become '_' (and never "." or ".."). */
    private Path serviceDir(String service) {
        String safe = service.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(safe.matches("\\.*") ? "_" + safe : safe);
    }

    private State state(String service) {
        return states.computeIfAbsent(service, this::load);
    }

    private State load(String service) {
        State s = new State();
        Path file = serviceDir(service).resolve("state.json");
        if (!Files.exists(file)) {
            return s;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            s.fileSha256 = root.path("file_sha256").asText(null);
            for (JsonNode v : root.path("versions")) {
                ModuleVersion mv = new ModuleVersion(v.path("id").asInt(), v.path("sha256").asText(),
                        Instant.parse(v.path("deployed").asText()), v.path("bytes").asLong(), v.path("source").asText());
                s.versions.put(mv.id(), mv);
            }
            for (JsonNode h : root.path("history")) {
                if (s.versions.containsKey(h.asInt())) {
                    s.history.add(h.asInt());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new LedgeException(file + ": cannot read the deployment state: " + e.getMessage(), e);
        }
        return s;
    }

    private void save(String service, State s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("service", service);
        root.put("file_sha256", s.fileSha256);
        ArrayNode versions = root.putArray("versions");
        for (ModuleVersion v : s.versions.values()) {
            versions.addObject().put("id", v.id()).put("sha256", v.sha256()).put("deployed", v.deployed().toString())
                    .put("bytes", v.bytes()).put("source", v.source());
        }
        ArrayNode history = root.putArray("history");
        s.history.forEach(history::add);
        Path file = serviceDir(service).resolve("state.json");
        try {
            Files.createDirectories(file.getParent());
            writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new LedgeException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
