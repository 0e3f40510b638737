package io.stream4flow.collector.live;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the listeners (before the ring), read by the metrics endpoint. */
final class IngressStats {
    /** Datagrams and TCP messages put on the ring. */
    final LongAdder received = new LongAdder();
    /** From exporters outside the allowlist, dropped. */
    final LongAdder notAllowed = new LongAdder();
    /** Dropped because the ring was full (the decoders fell behind). */
    final LongAdder ringFull = new LongAdder();
    /** Larger than any NetFlow/IPFIX message can be, dropped. */
    final LongAdder oversized = new LongAdder();
    /** Datagrams larger than {@code udp.batch-max-datagram}, cut by a batched read: dropped. */
    final LongAdder truncated = new LongAdder();
    final LongAdder tcpConnections = new LongAdder();
    /** TCP connections closed on a framing error (a message length below the IPFIX header). */
    final LongAdder tcpFramingErrors = new LongAdder();
}
