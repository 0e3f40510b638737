package io.stream4flow.collector.net;

import io.stream4flow.schema.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * Which exporters the collector accepts datagrams from: a list of IPv4 and IPv6 networks
 * ({@link Cidr}). An empty list accepts every exporter.
 *
 * <p>{@link #allows} is meant for the receive path: no allocation, no boxing, no locks; the
 * networks are held as primitive arrays and scanned linearly (allowlists are short). An IPv4-mapped
 * IPv6 address ({@code ::ffff:192.0.2.1}, what a dual-stack socket reports) is also checked
 * against the IPv4 networks. Immutable and thread-safe.
 */
public final class ExporterAllowlist {
    /** Accepts every exporter. */
    public static final ExporterAllowlist ALLOW_ALL = new ExporterAllowlist(List.of());

    private final int[] v4Network;
    private final int[] v4Mask;
    private final long[] v6NetworkHigh;
    private final long[] v6NetworkLow;
    private final long[] v6MaskHigh;
    private final long[] v6MaskLow;
    private final boolean allowAll;

    private ExporterAllowlist(List<Cidr> networks) {
        List<Cidr> v4 = new ArrayList<>();
        List<Cidr> v6 = new ArrayList<>();
        for (Cidr c : networks) {
            (c.ipv4() ? v4 : v6).add(c);
        }
        v4Network = new int[v4.size()];
        v4Mask = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            v4Network[i] = int32(v4.get(i).network(), 0);
            v4Mask[i] = v4.get(i).prefixLength() == 0 ? 0 : -1 << (32 - v4.get(i).prefixLength());
        }
        v6NetworkHigh = new long[v6.size()];
        v6NetworkLow = new long[v6.size()];
        v6MaskHigh = new long[v6.size()];
        v6MaskLow = new long[v6.size()];
        for (int i = 0; i < v6.size(); i++) {
            int len = v6.get(i).prefixLength();
            v6NetworkHigh[i] = int64(v6.get(i).network(), 0);
            v6NetworkLow[i] = int64(v6.get(i).network(), 8);
            v6MaskHigh[i] = len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
            v6MaskLow[i] = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
        }
        allowAll = networks.isEmpty();
    }

    /**
     * @param cidrs networks as text, see {@link Cidr#parse}; empty accepts every exporter
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static ExporterAllowlist of(List<String> cidrs) {
        List<Cidr> networks = new ArrayList<>(cidrs.size());
        for (String c : cidrs) {
            networks.add(Cidr.parse(c));
        }
        return networks.isEmpty() ? ALLOW_ALL : new ExporterAllowlist(networks);
    }

    /** True when the list is empty: every exporter is accepted. */
    public boolean allowsAll() {
        return allowAll;
    }

    /**
     * Whether datagrams from {@code address} are accepted. Callable from any thread; allocation-free.
     *
     * @param address an IPv4 (4 bytes) or IPv6 (16 bytes) address; any other length is refused
     *     (unless the list is empty)
     */
    public boolean allows(byte[] address) {
        if (allowAll) {
            return true;
        }
        if (address.length == 4) {
            return allowsIpv4(int32(address, 0));
        }
        if (address.length != 16) {
            return false;
        }
        long high = int64(address, 0);
        long low = int64(address, 8);
        for (int i = 0; i < v6NetworkHigh.length; i++) {
            if ((high & v6MaskHigh[i]) == v6NetworkHigh[i] && (low & v6MaskLow[i]) == v6NetworkLow[i]) {
                return true;
            }
        }
        return high == 0 && (low >>> 32) == 0xffffL && allowsIpv4((int) low);
    }

    /** Whether the IPv4 address {@code address} (big-endian in an int) is accepted; allocation-free. */
    public boolean allowsIpv4(int address) {
        if (allowAll) {
            return true;
        }
        for (int i = 0; i < v4Network.length; i++) {
            if ((address & v4Mask[i]) == v4Network[i]) {
                return true;
            }
        }
        return false;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static long int64(byte[] b, int at) {
        return (long) int32(b, at) << 32 | (int32(b, at + 4) & 0xffffffffL);
    }
}
