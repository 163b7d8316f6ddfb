package dev.ledge.session;

/** A named log endpoint a guest opened with {@code fastly_log.endpoint_get}. */
public record LogEndpoint(String name) {
}
