package io.stream4flow.schema.net;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One network in CIDR notation: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address
 * ({@code 192.0.2.1} is {@code 192.0.2.1/32}, {@code ::1} is {@code ::1/128}). The one parser of
 * networks for every part: the collector's exporter allowlist, the jobs' local networks and every
 * {@code s4fctl} option that takes a network. Serializable: it travels to Spark executors.
 *
 * @param network the network address, 4 or 16 bytes, host bits zero
 * @param prefixLength leading bits that must match, 0-32 (IPv4) or 0-128 (IPv6)
 */
public record Cidr(byte[] network, int prefixLength) implements Serializable {

    /**
     * Parses {@code text}. Address literals only ({@link IpLiterals}): names are never resolved.
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

    /**
     * Parses a comma-separated list ({@code 10.0.0.0/8,2001:db8::/32}); blank entries are skipped.
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static List<Cidr> parseList(String text) {
        List<Cidr> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return List.copyOf(out);
    }

    /** True for a 4-byte network. */
    public boolean ipv4() {
        return network.length == 4;
    }

    /** Addresses in the network: 2^(bits - prefix length), saturated at {@link Long#MAX_VALUE}. */
    public long size() {
        int hostBits = network.length * 8 - prefixLength;
        return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
    }

    /** Whether {@code address} (an address literal; anything else, or null, is never inside) is in the network. */
    public boolean contains(String address) {
        byte[] bytes = address == null ? null : IpLiterals.parse(address);
        return bytes != null && contains(bytes);
    }

    /** Whether the 4- or 16-byte {@code address} is in the network (an address of the other family never is). */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & m) == (network[full] & m);
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
