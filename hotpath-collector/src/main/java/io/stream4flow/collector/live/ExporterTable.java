package io.stream4flow.collector.live;

import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Exporter address → {@link ExporterState}, looked up from a ring slot's address bytes without
 * allocating (open addressing over two longs per key). Owned by one decode handler; new exporters
 * are announced to {@code onNew} (the metrics registry) once.
 */
final class ExporterTable {
    private long[] hi = new long[64];
    private long[] lo = new long[64];
    private ExporterState[] states = new ExporterState[64];
    private int size;
    private final int maxExporters;
    private final DecoderLimits limits;
    private final DecoderLimits tcpLimits;
    private final Consumer<ExporterState> onNew;

    ExporterTable(int maxExporters, DecoderLimits limits, Consumer<ExporterState> onNew) {
        this.maxExporters = maxExporters;
        this.limits = limits;
        this.tcpLimits = limits.withTemplateLifetime(0);
        this.onNew = onNew;
    }

    /** The key of an address as two longs: IPv4 as its IPv4-mapped IPv6 form. */
    private static long hiKey(byte[] a, int length) {
        return length == 4 ? 0 : word(a, 0);
    }

    private static long loKey(byte[] a, int length) {
        return length == 4 ? 0xFFFF_0000_0000L | (((a[0] & 0xFFL) << 24) | ((a[1] & 0xFF) << 16)
                | ((a[2] & 0xFF) << 8) | (a[3] & 0xFF)) : word(a, 8);
    }

    private static long word(byte[] a, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (a[off + i] & 0xFF);
        }
        return v;
    }

    /**
     * The state of the exporter, created on first sight (its transport decides whether templates
     * expire); null when the exporter limit is reached.
     */
    ExporterState get(byte[] address, int addressLength, int port, boolean tcp) {
        long h = hiKey(address, addressLength);
        long l = loKey(address, addressLength);
        int mask = states.length - 1;
        int i = (int) mix(h, l) & mask;
        while (states[i] != null) {
            if (hi[i] == h && lo[i] == l) {
                return states[i];
            }
            i = (i + 1) & mask;
        }
        if (size >= maxExporters) {
            return null;
        }
        // over TCP, templates do not expire: they live as long as the session (RFC 7011 section 8.4)
        ExporterState st = new ExporterState(Arrays.copyOf(address, addressLength), port,
                tcp ? tcpLimits : limits);
        insert(h, l, st);
        onNew.accept(st);
        return st;
    }

    /** Adds a restored exporter. */
    void put(ExporterState st) {
        byte[] a = st.address();
        insert(hiKey(a, a.length), loKey(a, a.length), st);
        onNew.accept(st);
    }

    private void insert(long h, long l, ExporterState st) {
        if ((size + 1) * 2 > states.length) {
            grow();
        }
        int mask = states.length - 1;
        int i = (int) mix(h, l) & mask;
        while (states[i] != null) {
            i = (i + 1) & mask;
        }
        hi[i] = h;
        lo[i] = l;
        states[i] = st;
        size++;
    }

    private void grow() {
        long[] oh = hi;
        long[] ol = lo;
        ExporterState[] os = states;
        hi = new long[oh.length * 2];
        lo = new long[ol.length * 2];
        states = new ExporterState[os.length * 2];
        size = 0;
        for (int i = 0; i < os.length; i++) {
            if (os[i] != null) {
                insert(oh[i], ol[i], os[i]);
            }
        }
    }

    private static long mix(long h, long l) {
        long x = (h * 0x9E3779B97F4A7C15L) ^ l;
        x *= 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 31);
    }

    /** Partition of an address among {@code n} decode handlers (stable across restarts). */
    static int partition(byte[] address, int addressLength, int n) {
        if (n == 1) {
            return 0;
        }
        int h = 1;
        for (int i = 0; i < addressLength; i++) {
            h = 31 * h + address[i];
        }
        return Math.floorMod(h ^ (h >>> 16), n);
    }

    void forEach(Consumer<ExporterState> c) {
        for (ExporterState s : states) {
            if (s != null) {
                c.accept(s);
            }
        }
    }

    int size() {
        return size;
    }
}
