package dev.ledge.cli;

import dev.ledge.config.FastlyToml;
import java.nio.file.Path;

/** Loads the fastly.toml a command was given, or none. */
final class Configs {
    private Configs() {
    }

    static FastlyToml load(Path explicit) {
        return explicit != null ? FastlyToml.load(explicit) : FastlyToml.empty();
    }
}
