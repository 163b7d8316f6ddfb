package dev.ledge.config;

import dev.ledge.engine.LedgeException;

/** A configuration file Ledge cannot use; the message names the file, the table and the key. */
public final class ConfigException extends LedgeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
