package io.stream4flow.cluster.jobs;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); immutable, serializable (it travels to
 * Spark executors inside {@link CidrMatcher}).
 */
public final class Cidr implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix} (a bare address is a host network); host bits of the address are ignored.
     *
     * @throws IllegalArgumentException when it is not a literal address with a prefix in range
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP network: '" + text + "'");
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of 0.." + bits + " in '" + text + "'");
        }
        return new Cidr(bytes, prefix, text);
    }

    /** Whether {@code address} (a literal IPv4 or IPv6 address; anything else is never contained) is inside. */
    public boolean contains(String address) {
        byte[] bytes = address == null ? null : literal(address);
        return bytes != null && contains(bytes);
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    /**
     * The bytes of a literal IPv4 (4 bytes) or IPv6 (16 bytes) address, or {@code null} when {@code text} is not
     * one. Never resolves names: text that is neither dotted-quad nor contains ':' is rejected before
     * {@link InetAddress} sees it.
     */
    static byte[] literal(String text) {
        if (text.indexOf(':') >= 0) {
            try {
                byte[] b = InetAddress.getByName(text).getAddress();
                return b.length == 16 ? b : null;
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
        return ipv4(text);
    }

    private static byte[] ipv4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || value < 0) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
