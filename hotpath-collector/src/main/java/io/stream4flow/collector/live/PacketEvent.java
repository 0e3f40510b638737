package io.stream4flow.collector.live;

/**
 * A ring slot: one datagram (or one IPFIX message read from a TCP stream) with its exporter and
 * receive time. Preallocated by the ring and reused; the payload array grows when a larger datagram
 * arrives and keeps its size afterwards (so steady state allocates nothing).
 */
final class PacketEvent {
    /** Payload bytes {@code [0, length)}. */
    byte[] data;
    int length;
    /** Exporter address bytes {@code [0, addressLength)}: 4 (IPv4) or 16 (IPv6). */
    final byte[] address = new byte[16];
    int addressLength;
    int port;
    long receivedMillis;
    /** True for a message read from an IPFIX TCP session. */
    boolean tcp;
    /** Decode handler that owns the exporter; {@link #NO_PARTITION} for a slot no decoder should read. */
    int partition;

    /** The partition of a slot that was published without being filled (its filling failed). */
    static final int NO_PARTITION = -1;

    PacketEvent(int slotBytes) {
        data = new byte[slotBytes];
    }

    /** Makes room for {@code n} payload bytes. */
    byte[] ensure(int n) {
        if (data.length < n) {
            data = new byte[Math.max(n, data.length * 2)];
        }
        return data;
    }
}
