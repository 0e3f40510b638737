package io.stream4flow.collector.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the decoders remember about one exporter (one source address): its domains'
 * templates, sequence numbers and sampling, the data held for missing templates, and its counters.
 * Owned by a single decoding thread; other threads read counters only through {@link #counter}.
 */
public final class ExporterState {
    private final byte[] address;
    private String addressString;
    private int port;
    private final DecoderLimits limits;
    private final LongObjectMap<DomainState> domains = new LongObjectMap<>(4);
    private final long[] counters = new long[DecodeCounter.VALUES.length];
    final ArrayDeque<HeldSet> held = new ArrayDeque<>();
    int heldBytes;
    private long datagrams;
    private long bytes;
    private Object attachment;

    /**
     * @param address the exporter's IPv4 (4 bytes) or IPv6 (16 bytes) address
     * @param port the exporter's source port (only reported; state is per address)
     */
    public ExporterState(byte[] address, int port, DecoderLimits limits) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must have 4 or 16 bytes");
        }
        this.address = address.clone();
        this.port = port;
        this.limits = limits;
    }

    public byte[] address() {
        return address;
    }

    /** The address as in the flow JSON: dotted quad, or IPv6 in RFC 5952 form. */
    public String addressString() {
        String a = addressString;
        if (a == null) {
            a = new io.stream4flow.schema.JsonBuffer(64).addressText(address);
            addressString = a;
        }
        return a;
    }

    /** The source port of the exporter's latest datagram or session. */
    public int port() {
        return port;
    }

    public DecoderLimits limits() {
        return limits;
    }

    /**
     * Counts a datagram (or TCP message) received from the exporter, from the given source port (the
     * exporter's port in the records that follow); decoding thread only.
     */
    public void received(int length, int sourcePort) {
        datagrams++;
        bytes += length;
        port = sourcePort;
    }

    /** Datagrams (or TCP messages) received. */
    public long datagrams() {
        return datagrams;
    }

    /** Payload bytes received. */
    public long bytes() {
        return bytes;
    }

    /** Something a sink keeps per exporter (e.g. its message key), computed once. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object o) {
        attachment = o;
    }

    /** Current value of a counter. Plain read: exact on the decoding thread, near-exact elsewhere. */
    public long counter(DecodeCounter c) {
        return counters[c.ordinal()];
    }

    /** Sum of all error counters. */
    public long errors() {
        long n = 0;
        for (DecodeCounter c : DecodeCounter.VALUES) {
            if (c.isError()) {
                n += counters[c.ordinal()];
            }
        }
        return n;
    }

    /** Counts RFC 6313 list content that did not parse (found while encoding). */
    public void countBadList() {
        counters[DecodeCounter.BAD_LIST.ordinal()]++;
    }

    void count(DecodeCounter c) {
        counters[c.ordinal()]++;
    }

    void count(DecodeCounter c, long n) {
        counters[c.ordinal()] += n;
    }

    /** The domain's state, created on first use; null when the domain limit is reached. */
    DomainState domain(int version, long domain) {
        long key = domainKey(version, domain);
        DomainState d = domains.get(key);
        if (d == null) {
            if (domains.size() >= limits.maxDomainsPerExporter()) {
                return null;
            }
            d = new DomainState(version, domain);
            domains.put(key, d);
        }
        return d;
    }

    /** The domain's state if it exists. */
    public DomainState existingDomain(int version, long domain) {
        return domains.get(domainKey(version, domain));
    }

    /** All domains, for persistence and inspection. */
    public List<DomainState> domains() {
        List<DomainState> out = new ArrayList<>();
        domains.forEachValue(out::add);
        return out;
    }

    static long domainKey(int version, long domain) {
        return ((long) version << 32) | (domain & 0xFFFF_FFFFL);
    }

    /** Bytes of data currently held for missing templates. */
    public int heldBytes() {
        return heldBytes;
    }

    /** Data sets currently held for missing templates. */
    public int heldSets() {
        return held.size();
    }
}
