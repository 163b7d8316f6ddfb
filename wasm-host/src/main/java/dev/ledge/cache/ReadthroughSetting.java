package dev.ledge.cache;

/**
 * Whether a service's backend GETs go through the readthrough cache (as on Fastly; the default) or
 * straight to the backend every time (as under Fastly's local tool): {@code readthrough} in
 * fastly.toml's {@code [local_server.cache]}.
 */
public record ReadthroughSetting(boolean enabled) {
}
