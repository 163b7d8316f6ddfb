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
        dev.ledge.backend.Backends.configure(toml, host, b);
        dev.ledge.stores.ConfigStores.configure(toml, host, b);
        dev.ledge.stores.SecretStores.configure(toml, host, b);
        dev.ledge.kv.KvStores.configure(toml, host, b);
        dev.ledge.erl.EdgeRateLimits.configure(toml, host, b);
        dev.ledge.acl.Acls.configure(toml, host, b);
        dev.ledge.devicedetection.DeviceDetection.configure(toml, host, b);
        dev.ledge.purge.Purges.configure(toml, host, b);
        dev.ledge.cache.CacheConfig.configure(toml, host, b);
        dev.ledge.crypto.CryptoService.configure(toml, host, b);
        dev.ledge.geo.Geolocation.configure(toml, host, b);
    }
}
