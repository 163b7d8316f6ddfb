package dev.ledge.server;

import dev.ledge.acl.IpPrefix;
import dev.ledge.config.ConfigException;
import dev.ledge.http.HeaderMap;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Who the client is. The address comes from the socket; only when the socket's peer is one of the
 * configured trusted proxies do {@code Forwarded} (RFC 7239 {@code for=}) or else
 * {@code X-Forwarded-For} count, and then the answer is the rightmost address in them that is not
 * itself a trusted proxy — so a client cannot choose its own address by sending the header.
 */
public final class ClientAddress {
    private final List<IpPrefix> trusted;

    public ClientAddress(List<IpPrefix> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** No trusted proxies: the socket decides. */
    public static ClientAddress socketOnly() {
        return new ClientAddress(List.of());
    }

    /** Parses "ADDRESS" or "ADDRESS/BITS" entries; a bad one is a ConfigException naming it. */
    public static ClientAddress trusting(List<String> proxies) {
        List<IpPrefix> out = new ArrayList<>();
        for (String p : proxies) {
            String t = p.trim();
            String cidr = t.contains("/") ? t : t + (t.contains(":") ? "/128" : "/32");
            try {
                out.add(IpPrefix.parse(cidr));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--trusted-proxy " + p + ": " + e.getMessage());
            }
        }
        return new ClientAddress(out);
    }

    private boolean isTrusted(InetAddress a) {
        for (IpPrefix p : trusted) {
            if (p.contains(a.getAddress())) {
                return true;
            }
        }
        return false;
    }

    public InetAddress resolve(InetAddress peer, HeaderMap headers) {
        if (peer == null || trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<InetAddress> hops = forwarded(headers);
        if (hops.isEmpty()) {
            hops = forwardedFor(headers);
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return hops.get(i);
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    /** The for= addresses of every Forwarded element, in order; unparseable ones end the list. */
    private static List<InetAddress> forwarded(HeaderMap headers) {
        List<InetAddress> out = new ArrayList<>();
        for (byte[] v : headers.values("forwarded")) {
            for (String element : new String(v, StandardCharsets.ISO_8859_1).split(",")) {
                for (String pair : element.split(";")) {
                    String[] kv = pair.trim().split("=", 2);
                    if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("for")) {
                        InetAddress a = literal(kv[1].trim().replace("\"", ""));
                        if (a == null) {
                            return out;
                        }
                        out.add(a);
                    }
                }
            }
        }
        return out;
    }

    private static List<InetAddress> forwardedFor(HeaderMap headers) {
        List<InetAddress> out = new ArrayList<>();
        for (byte[] v : headers.values("x-forwarded-for")) {
            for (String part : new String(v, StandardCharsets.ISO_8859_1).split(",")) {
                InetAddress a = literal(part.trim());
                if (a == null) {
                    return out;
                }
                out.add(a);
            }
        }
        return out;
    }

    /** An IP literal ("1.2.3.4", "1.2.3.4:80", "[2001:db8::1]", "[2001:db8::1]:443"), or null; never a DNS lookup. */
    static InetAddress literal(String s) {
        String host = s;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = host.substring(1, end);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (!host.matches("[0-9a-fA-F:.]+") || host.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
