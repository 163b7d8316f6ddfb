package dev.ledge.acl;

/**
 * Strict IP address text, parsed and printed without name resolution: dotted-quad IPv4 (no
 * leading zeros) and RFC 4291 IPv6 (with "::" and a trailing dotted quad); IPv6 is printed in the
 * compressed lower-case form (longest run of two or more zero groups as "::", IPv4-mapped as
 * "::ffff:a.b.c.d").
 */
final class IpText {
    private IpText() {
    }

    /** The 4 octets of a dotted-quad address. */
    static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv4 address");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv4 address");
            }
            out[i] = (byte) Integer.parseInt(p);
        }
        return out;
    }

    /** The 16 octets of an IPv6 address. */
    static byte[] parseV6(String s) {
        IllegalArgumentException bad = new IllegalArgumentException("'" + s + "' is not an IPv6 address");
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            throw bad;
        }
        int[] head = groups(gap < 0 ? s : s.substring(0, gap), gap < 0, bad);
        int[] tail = gap < 0 ? new int[0] : groups(s.substring(gap + 2), true, bad);
        int n = head.length + tail.length;
        if (gap < 0 ? n != 8 : n > 7) {
            throw bad;
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted quad (two groups) when {@code last}. */
    private static int[] groups(String s, boolean last, IllegalArgumentException bad) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (last && i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                out[n++] = (v4[0] & 0xff) << 8 | (v4[1] & 0xff);
                out[n++] = (v4[2] & 0xff) << 8 | (v4[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw bad;
            }
            out[n++] = Integer.parseInt(p, 16);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The address in its usual text form (4 octets: dotted quad; 16: compressed IPv6). */
    static String format(byte[] ip) {
        if (ip.length == 4) {
            return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (ip[2 * i] & 0xff) << 8 | (ip[2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + format(java.util.Arrays.copyOfRange(ip, 12, 16));
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
