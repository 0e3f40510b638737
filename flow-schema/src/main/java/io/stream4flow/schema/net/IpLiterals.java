package io.stream4flow.schema.net;

/**
 * Parses IPv4 and IPv6 address literals without ever asking DNS ({@link java.net.InetAddress#getByName}
 * resolves anything that is not a literal, which a configuration check must not do).
 *
 * <ul>
 *   <li>IPv4: four decimal numbers 0-255 separated by dots; leading zeros are refused ({@code 010}
 *       means 8 to some parsers and 10 to others).
 *   <li>IPv6: RFC 4291 text form, eight groups of 1-4 hex digits, at most one {@code ::}, an
 *       optional dotted IPv4 tail ({@code ::ffff:192.0.2.1}); no zone id ({@code %eth0}), no
 *       brackets.
 * </ul>
 * Bad input returns null; nothing is thrown. Thread-safe (stateless).
 */
public final class IpLiterals {
    private IpLiterals() { }

    /** The 4 bytes of an IPv4 literal, or null when {@code s} is not one. */
    public static byte[] ipv4(String s) {
        byte[] out = new byte[4];
        return ipv4(s, 0, s.length(), out, 0) ? out : null;
    }

    /** The 16 bytes of an IPv6 literal, or null when {@code s} is not one. */
    public static byte[] ipv6(String s) {
        if (s.isEmpty() || s.indexOf('%') >= 0) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = new byte[16];
        byte[] tail = new byte[16];
        int headBytes;
        int tailBytes;
        if (gap < 0) {
            headBytes = groups(s, head, true);
            tailBytes = 0;
            if (headBytes != 16) {
                return null;
            }
        } else {
            headBytes = gap == 0 ? 0 : groups(s.substring(0, gap), head, false);
            tailBytes = gap + 2 == s.length() ? 0 : groups(s.substring(gap + 2), tail, true);
            if (headBytes < 0 || tailBytes < 0 || headBytes + tailBytes > 14) {
                return null;
            }
        }
        byte[] out = new byte[16];
        System.arraycopy(head, 0, out, 0, headBytes);
        System.arraycopy(tail, 0, out, 16 - tailBytes, tailBytes);
        return out;
    }

    /** An IPv4 or IPv6 literal (4 or 16 bytes), or null. */
    public static byte[] parse(String s) {
        return s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s);
    }

    /**
     * Colon-separated hex groups into {@code out}; the last group may be a dotted IPv4 address when
     * {@code ipv4Tail}. Returns the number of bytes written, or -1.
     */
    private static int groups(String s, byte[] out, boolean ipv4Tail) {
        int n = 0;
        int start = 0;
        while (true) {
            int colon = s.indexOf(':', start);
            int end = colon < 0 ? s.length() : colon;
            if (colon < 0 && ipv4Tail && s.indexOf('.', start) >= 0) {
                if (n > 12 || !ipv4(s, start, end, out, n)) {
                    return -1;
                }
                return n + 4;
            }
            int len = end - start;
            if (len < 1 || len > 4 || n > 14) {
                return -1;
            }
            int v = 0;
            for (int i = start; i < end; i++) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            out[n++] = (byte) (v >>> 8);
            out[n++] = (byte) v;
            if (colon < 0) {
                return n;
            }
            start = colon + 1;
        }
    }

    private static boolean ipv4(String s, int from, int to, byte[] out, int at) {
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || v > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            out[at + part++] = (byte) v;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == to;
    }
}
