package io.stream4flow.collector.live;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.netty.buffer.ByteBuf;
import io.stream4flow.collector.net.ExporterAllowlist;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Puts received payloads on the ring: allowlist check, exporter partition, copy into a preallocated
 * slot, publish. UDP never waits: a full ring drops the datagram and counts it. TCP waits for a slot
 * (the sender is slowed by TCP flow control instead of losing data).
 */
final class Ingress {
    static final int MAX_MESSAGE = 65_535;

    private final RingBuffer<PacketEvent> ring;
    private final ExporterAllowlist allowlist;
    private final int partitions;
    final IngressStats stats;

    Ingress(RingBuffer<PacketEvent> ring, ExporterAllowlist allowlist, int partitions, IngressStats stats) {
        this.ring = ring;
        this.allowlist = allowlist;
        this.partitions = partitions;
        this.stats = stats;
    }

    /** Scratch address of one reader thread. */
    static final class Scratch {
        final byte[] v4 = new byte[4];
        byte[] v6 = new byte[16];
    }

    /** Fills the scratch with the sender's address; returns the array holding it (4 or 16 bytes). */
    static byte[] address(InetSocketAddress sender, Scratch s) {
        InetAddress ia = sender.getAddress();
        if (ia instanceof Inet4Address) {
            int v = ia.hashCode(); // Inet4Address.hashCode() is the address, big-endian; no copy
            s.v4[0] = (byte) (v >>> 24);
            s.v4[1] = (byte) (v >>> 16);
            s.v4[2] = (byte) (v >>> 8);
            s.v4[3] = (byte) v;
            return s.v4;
        }
        s.v6 = ia.getAddress();
        return s.v6;
    }

    /** Offers a datagram; returns false when it was dropped (counted). */
    boolean offerDatagram(byte[] address, int port, ByteBuf payload, long now) {
        if (!allowlist.allows(address)) {
            stats.notAllowed.increment();
            return false;
        }
        int n = payload.readableBytes();
        if (n > MAX_MESSAGE) {
            stats.oversized.increment();
            return false;
        }
        long seq;
        try {
            seq = ring.tryNext();
        } catch (InsufficientCapacityException e) {
            stats.ringFull.increment();
            return false;
        }
        try {
            fill(ring.get(seq), address, port, payload, n, now, false);
        } finally {
            ring.publish(seq); // a claimed slot is always published, or the ring stops at it
        }
        stats.received.increment();
        return true;
    }

    /** Puts a TCP message on the ring, waiting for a slot. */
    void putMessage(byte[] address, int port, ByteBuf payload, long now) {
        int n = payload.readableBytes();
        long seq = ring.next();
        try {
            fill(ring.get(seq), address, port, payload, n, now, true);
        } finally {
            ring.publish(seq);
        }
        stats.received.increment();
    }

    boolean allowed(byte[] address) {
        return allowlist.allows(address);
    }

    /**
     * Fills a claimed slot. The slot is marked as nobody's first and given its partition last, so a
     * slot whose filling fails half way (it is published anyway) is skipped by every decoder.
     */
    private void fill(PacketEvent e, byte[] address, int port, ByteBuf payload, int n, long now, boolean tcp) {
        e.partition = PacketEvent.NO_PARTITION;
        byte[] d = e.ensure(n);
        payload.getBytes(payload.readerIndex(), d, 0, n);
        e.length = n;
        System.arraycopy(address, 0, e.address, 0, address.length);
        e.addressLength = address.length;
        e.port = port;
        e.receivedMillis = now;
        e.tcp = tcp;
        e.partition = ExporterTable.partition(address, address.length, partitions);
    }
}
