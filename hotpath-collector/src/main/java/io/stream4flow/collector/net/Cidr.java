package io.stream4flow.collector.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One network in CIDR notation: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address
 * ({@code 192.0.2.1} is {@code 192.0.2.1/32}, {@code ::1} is {@code ::1/128}).
 *
 * @param network the network address, 4 or 16 bytes, host bits zero
 * @param prefixLength leading bits that must match, 0-32 (IPv4) or 0-128 (IPv6)
 */
public record Cidr(byte[] network, int prefixLength) {

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a one-line message quoting {@code text} when it is not
     *     an address literal, the prefix length is out of range, or host bits are set
     *     ({@code 10.1.0.0/8}: refused rather than silently widened, it is usually a typo)
     */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] network = IpLiterals.parse(address);
        if (network == null) {
            throw new IllegalArgumentException(quote(text) + " is not a CIDR (IPv4 or IPv6 address, optional /LENGTH)");
        }
        int max = network.length * 8;
        int length = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > max) {
                throw new IllegalArgumentException(quote(text) + " has a bad prefix length (0-" + max + ")");
            }
            length = Integer.parseInt(p);
        }
        byte[] masked = mask(network, length);
        if (!Arrays.equals(masked, network)) {
            throw new IllegalArgumentException(quote(text) + " has host bits set (did you mean "
                    + format(masked) + "/" + length + "?)");
        }
        return new Cidr(network, length);
    }

    /** True for a 4-byte network. */
    public boolean ipv4() {
        return network.length == 4;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    /** Canonical text, e.g. {@code 10.0.0.0/8}, {@code 2001:db8:0:0:0:0:0:0/32}. */
    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    private static byte[] mask(byte[] address, int length) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            out[i] &= (byte) (0xff00 >>> keep);
        }
        return out;
    }

    private static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);   // only thrown for lengths other than 4 and 16
        }
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
