package dev.ledge.service;

import dev.ledge.config.FastlyToml;

/**
 * The list of host capabilities that configure themselves from fastly.toml. Each one reads its
 * own tables under [local_server], checks them (a bad entry is a ConfigException naming the file,
 * table and key) and puts its shared part into the builder, also when it has no configuration.
 */
final class Capabilities {
    private Capabilities() {
    }

    static void configureAll(FastlyToml toml, HostContext host, ServiceResources.Builder b) {
        // One line per capability.
        dev.ledge.cache.CacheConfig.configure(toml, host, b);
    }
}
