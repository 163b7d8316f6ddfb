package dev.ledge.service;

import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * What the host process gives capabilities when they configure: the Vert.x instance (for
 * clients to backends) and a directory for data that must outlive a restart (e.g. KV stores).
 */
public record HostContext(Vertx vertx, Path dataDir) {

    /** The default data directory: $LEDGE_DATA_DIR, else ~/.local/share/ledge. */
    public static Path defaultDataDir() {
        String env = System.getenv("LEDGE_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "ledge");
    }
}
