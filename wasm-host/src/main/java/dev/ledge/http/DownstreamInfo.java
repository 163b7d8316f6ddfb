package dev.ledge.http;

import java.net.InetAddress;
import java.util.List;

/**
 * What Ledge knows about a client request beyond its head: the peer addresses, the header names
 * exactly as the client sent them, and the request id.
 */
public record DownstreamInfo(InetAddress clientAddress, InetAddress serverAddress,
                             List<String> originalHeaderNames, String requestId) {
    public DownstreamInfo {
        originalHeaderNames = List.copyOf(originalHeaderNames);
    }
}
