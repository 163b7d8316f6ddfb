package dev.ledge.acl;

import java.util.Arrays;

/**
 * An IP network, "ADDRESS/BITS": 1..32 bits for IPv4, 1..128 for IPv6. The address is stored
 * with the host bits cleared, so "1.2.3.4/24" is the network 1.2.3.0/24.
 */
public record IpPrefix(byte[] network, int bits) {

    /** Parses "ADDRESS/BITS"; the message of the exception says what is wrong. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("prefix '" + text + "' is not ADDRESS/BITS");
        }
        String addr = text.substring(0, slash);
        String bitsText = text.substring(slash + 1);
        boolean v6 = addr.indexOf(':') >= 0;
        int max = v6 ? 128 : 32;
        int bits;
        try {
            bits = bitsText.chars().allMatch(c -> c >= '0' && c <= '9') && !bitsText.isEmpty() && bitsText.length() <= 3
                    ? Integer.parseInt(bitsText) : -1;
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 1 || bits > max) {
            throw new IllegalArgumentException("prefix '" + text + "': the mask must be a number from 1 to " + max);
        }
        byte[] ip = v6 ? IpText.parseV6(addr) : IpText.parseV4(addr);
        return new IpPrefix(mask(ip, bits), bits);
    }

    /** Whether {@code ip} (4 or 16 octets) lies in this network; IPv4 never matches IPv6. */
    public boolean contains(byte[] ip) {
        return ip.length == network.length && Arrays.equals(mask(ip, bits), network);
    }

    /** {@code ip} with every bit after the first {@code bits} cleared. */
    static byte[] mask(byte[] ip, int bits) {
        byte[] out = ip.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            out[i] &= (byte) (0xff00 >> keep);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix p && p.bits == bits && Arrays.equals(p.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + bits;
    }

    @Override
    public String toString() {
        return IpText.format(network) + "/" + bits;
    }
}
