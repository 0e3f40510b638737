package io.stream4flow.collector.live;

import com.lmax.disruptor.RingBuffer;
import io.stream4flow.collector.decode.DecodeCounter;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.live.sink.SinkStats;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The collector's counters in the Prometheus text exposition format (version 0.0.4). Per-exporter
 * counters carry an {@code exporter} label; names are {@code s4f_collector_*}, counters end in
 * {@code _total}. Rendered on demand from the live counters (reads are unsynchronised, so a value
 * may lag its thread by a moment); nothing is kept per scrape.
 */
final class CollectorMetrics {
    final List<ExporterState> exporters = new CopyOnWriteArrayList<>();
    private final IngressStats ingress;
    private final SinkStats sink;
    private final String sinkKind;
    private final RingBuffer<PacketEvent> ring;
    private final List<Integer> udpPorts;
    private final List<DecodeHandler> handlers;
    private final RingErrors ringErrors;
    /** Null when periodic state saves are off. */
    private final StateWriter stateWriter;

    CollectorMetrics(IngressStats ingress, SinkStats sink, String sinkKind, RingBuffer<PacketEvent> ring,
                     List<Integer> udpPorts, List<DecodeHandler> handlers, RingErrors ringErrors,
                     StateWriter stateWriter) {
        this.ringErrors = ringErrors;
        this.stateWriter = stateWriter;
        this.ingress = ingress;
        this.sink = sink;
        this.sinkKind = sinkKind;
        this.ring = ring;
        this.udpPorts = udpPorts;
        this.handlers = handlers;
    }

    /** The whole exposition as one string (tests, small collectors); the endpoint streams it with {@link #render(Writer)}. */
    String render() {
        StringWriter w = new StringWriter(4096);
        try {
            render(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringWriter does not throw
        }
        return w.toString();
    }

    /**
     * Writes the exposition to {@code b} as it goes, so that its size (some 2 KiB per exporter: tens of MiB
     * with tens of thousands of exporters) is never held in memory at once.
     */
    void render(Writer w) throws IOException {
        Out b = new Out(w);
        family(b, "s4f_collector_datagrams_total", "counter", "datagrams (UDP) and messages (TCP) decoded, per exporter");
        for (ExporterState e : exporters) {
            sample(b, "s4f_collector_datagrams_total", e, e.datagrams());
        }
        family(b, "s4f_collector_bytes_total", "counter", "payload bytes received, per exporter");
        for (ExporterState e : exporters) {
            sample(b, "s4f_collector_bytes_total", e, e.bytes());
        }
        family(b, "s4f_collector_records_total", "counter", "records decoded (data and options data), per exporter");
        for (ExporterState e : exporters) {
            sample(b, "s4f_collector_records_total", e,
                    e.counter(DecodeCounter.DATA_RECORDS) + e.counter(DecodeCounter.OPTIONS_RECORDS));
        }
        family(b, "s4f_collector_errors_total", "counter", "input rejected, per exporter and reason");
        for (ExporterState e : exporters) {
            for (DecodeCounter c : DecodeCounter.values()) {
                if (c.isError()) {
                    b.append("s4f_collector_errors_total{exporter=\"").append(e.addressString())
                            .append("\",reason=\"").append(c.metricName()).append("\"} ")
                            .append(e.counter(c)).append('\n');
                }
            }
        }
        for (DecodeCounter c : DecodeCounter.values()) {
            if (c.isError() || c == DecodeCounter.DATA_RECORDS || c == DecodeCounter.OPTIONS_RECORDS) {
                continue;
            }
            String name = "s4f_collector_" + c.metricName() + "_total";
            family(b, name, "counter", c.metricName().replace('_', ' ') + ", per exporter");
            for (ExporterState e : exporters) {
                sample(b, name, e, e.counter(c));
            }
        }
        family(b, "s4f_collector_held_bytes", "gauge", "bytes held waiting for a template, per exporter");
        for (ExporterState e : exporters) {
            sample(b, "s4f_collector_held_bytes", e, e.heldBytes());
        }
        gauge(b, "s4f_collector_exporters", "exporters seen", exporters.size());
        counter(b, "s4f_collector_received_total", "datagrams and TCP messages put on the ring", ingress.received.sum());
        counter(b, "s4f_collector_not_allowed_total", "datagrams or connections from exporters outside the allowlist",
                ingress.notAllowed.sum());
        counter(b, "s4f_collector_ring_full_drops_total", "datagrams dropped because the ring was full",
                ingress.ringFull.sum());
        counter(b, "s4f_collector_oversized_total", "datagrams larger than a message can be", ingress.oversized.sum());
        counter(b, "s4f_collector_truncated_total", "datagrams larger than udp.batch-max-datagram, cut by a batched "
                + "read and dropped", ingress.truncated.sum());
        counter(b, "s4f_collector_tcp_connections_total", "IPFIX TCP connections accepted", ingress.tcpConnections.sum());
        counter(b, "s4f_collector_tcp_framing_errors_total", "TCP connections closed on a framing error",
                ingress.tcpFramingErrors.sum());
        long exporterLimit = 0;
        for (DecodeHandler h : handlers) {
            exporterLimit += h.exporterLimitDrops;
        }
        counter(b, "s4f_collector_exporter_limit_drops_total", "datagrams dropped because too many exporters",
                exporterLimit);
        family(b, "s4f_collector_ring_exceptions_total", "counter",
                "unexpected exceptions on the decode threads, by stage (the thread went on with the next event)");
        for (int i = 0; i < RingErrors.REASONS.length; i++) {
            b.append("s4f_collector_ring_exceptions_total{reason=\"").append(RingErrors.REASONS[i]).append("\"} ")
                    .append(ringErrors.count(i)).append('\n');
        }
        if (stateWriter != null) {
            family(b, "s4f_collector_state_saves_total", "counter",
                    "periodic template-state saves by result (coalesced: replaced by a newer one before written)");
            b.append("s4f_collector_state_saves_total{result=\"written\"} ").append(stateWriter.written.sum()).append('\n');
            b.append("s4f_collector_state_saves_total{result=\"coalesced\"} ").append(stateWriter.coalesced.sum())
                    .append('\n');
            b.append("s4f_collector_state_saves_total{result=\"failed\"} ").append(stateWriter.failed.sum()).append('\n');
        }
        gauge(b, "s4f_collector_ring_size", "slots in the ring", ring.getBufferSize());
        gauge(b, "s4f_collector_ring_occupancy", "slots in use", ring.getBufferSize() - ring.remainingCapacity());
        gauge(b, "s4f_collector_kernel_udp_drops", "datagrams the kernel dropped on our UDP sockets (-1: unknown)",
                KernelUdpDrops.read(udpPorts));
        String l = "{sink=\"" + sinkKind + "\"}";
        family(b, "s4f_collector_sink_records_total", "counter", "records by what the sink did with them");
        b.append("s4f_collector_sink_records_total{sink=\"").append(sinkKind).append("\",result=\"accepted\"} ")
                .append(sink.accepted.sum()).append('\n');
        b.append("s4f_collector_sink_records_total{sink=\"").append(sinkKind).append("\",result=\"delivered\"} ")
                .append(sink.delivered.sum()).append('\n');
        b.append("s4f_collector_sink_records_total{sink=\"").append(sinkKind).append("\",result=\"dropped_buffer_full\"} ")
                .append(sink.droppedBufferFull.sum()).append('\n');
        b.append("s4f_collector_sink_records_total{sink=\"").append(sinkKind).append("\",result=\"dropped_error\"} ")
                .append(sink.droppedError.sum()).append('\n');
        family(b, "s4f_collector_sink_lag_records", "gauge", "records accepted by the sink, not yet delivered");
        b.append("s4f_collector_sink_lag_records").append(l).append(' ').append(sink.lag()).append('\n');
        family(b, "s4f_collector_sink_bytes_total", "counter", "bytes written by the sink");
        b.append("s4f_collector_sink_bytes_total").append(l).append(' ').append(sink.bytes.sum()).append('\n');
    }

    /**
     * The counters as name → value for the final report (per-exporter values summed): the samples of
     * {@link #render(Writer)}, summed line by line as they are written, never the whole text at once.
     */
    Map<String, Long> totals() {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            render(new LineWriter(line -> add(m, line)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // the line writer does not throw
        }
        return m;
    }

    private static void add(Map<String, Long> m, String line) {
        if (line.startsWith("#") || line.isBlank()) {
            return;
        }
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        String name = brace > 0 ? line.substring(0, brace) : line.substring(0, space);
        if (line.contains("reason=\"")) {
            int r = line.indexOf("reason=\"") + 8;
            name = name + ":" + line.substring(r, line.indexOf('"', r));
        } else if (line.contains("result=\"")) {
            int r = line.indexOf("result=\"") + 8;
            name = name + ":" + line.substring(r, line.indexOf('"', r));
        }
        m.merge(name, Long.parseLong(line.substring(space + 1)), Long::sum);
    }

    /** The few appends the exposition needs, onto a {@link Writer}. */
    private static final class Out {
        private final Writer w;

        Out(Writer w) {
            this.w = w;
        }

        Out append(String s) throws IOException {
            w.write(s);
            return this;
        }

        Out append(long v) throws IOException {
            w.write(Long.toString(v));
            return this;
        }

        Out append(char c) throws IOException {
            w.write(c);
            return this;
        }
    }

    /** A writer that hands each complete line to a consumer and keeps only the current line. */
    private static final class LineWriter extends Writer {
        private final Consumer<String> lines;
        private final StringBuilder line = new StringBuilder(128);

        LineWriter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                put(cbuf[i]);
            }
        }

        @Override
        public void write(String str, int off, int len) {
            for (int i = off; i < off + len; i++) {
                put(str.charAt(i));
            }
        }

        private void put(char c) {
            if (c == '\n') {
                lines.accept(line.toString());
                line.setLength(0);
            } else {
                line.append(c);
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    }

    private static void family(Out b, String name, String type, String help) throws IOException {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(Out b, String name, ExporterState e, long v) throws IOException {
        b.append(name).append("{exporter=\"").append(e.addressString()).append("\"} ").append(v).append('\n');
    }

    private static void gauge(Out b, String name, String help, long v) throws IOException {
        family(b, name, "gauge", help);
        b.append(name).append(' ').append(v).append('\n');
    }

    private static void counter(Out b, String name, String help, long v) throws IOException {
        family(b, name, "counter", help);
        b.append(name).append(' ').append(v).append('\n');
    }
}
