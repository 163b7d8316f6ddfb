package dev.ledge.cli;

import dev.ledge.config.ConfigException;

/** A {@code host:port} listen address as given on the command line. */
record HostAndPort(String host, int port) {
    static HostAndPort parse(String s) {
        return parse(s, "--addr");
    }

    /** Parses {@code s}, given as {@code option}, which error messages name. */
    static HostAndPort parse(String s, String option) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new ConfigException(option + " " + s + ": expected HOST:PORT, e.g. 127.0.0.1:7676");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostAndPort(host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException(option + " " + s + ": port must be a number from 0 to 65535");
        }
    }
}
