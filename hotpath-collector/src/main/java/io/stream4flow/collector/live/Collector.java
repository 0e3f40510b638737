package io.stream4flow.collector.live;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.sun.net.httpserver.HttpServer;
import io.stream4flow.collector.net.ExporterAllowlist;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.StateSnapshot;
import io.stream4flow.collector.live.sink.RecordSink;
import io.stream4flow.collector.live.sink.Sinks;
import io.stream4flow.schema.ElementRegistry;
import java.io.IOException;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live collector: Netty listeners → a Disruptor ring of preallocated slots → decode handlers
 * partitioned by exporter → JSON encoder into reused buffers → sink. Plus the Prometheus text
 * endpoint and the template state saved under the state directory.
 *
 * <p>{@link #close()} is the graceful stop SIGTERM runs: stop reading, drain the ring, flush and close
 * the sink, save state, report the final counters. Records accepted before it are all delivered
 * (unless the sink itself drops them, which is counted).
 *
 * <p>An unexpected exception on a decode thread (decoder, encoder, sink) is counted by stage
 * ({@code s4f_collector_ring_exceptions_total}), logged at a bounded rate, and the thread goes on with
 * the next event ({@link DecodeExceptionHandler}); it never ends the partition.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    static {
        // Netty's allocators emit JFR events; registering their types on the first allocation
        // stalls the first reads for seconds on a busy machine. An operator can still turn them on.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
    }

    private final CollectorConfig config;
    private final DecoderLimits limits;
    private final Sinks sinks;
    private final Disruptor<PacketEvent> disruptor;
    private final List<DecodeHandler> handlers = new ArrayList<>();
    private final Listeners listeners;
    private final CollectorMetrics metrics;
    private final IngressStats ingressStats;
    private volatile long unreadAtStop;
    private final HttpServer http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private final RingErrors ringErrors = new RingErrors();
    /** Writes the periodic state saves off the decode threads; null when they are off. */
    private final StateWriter stateWriter;

    private Collector(CollectorConfig cfg, ElementRegistry registry, UnaryOperator<RecordSink> sinkWrapper)
            throws IOException {
        this.config = cfg;
        this.limits = DecoderLimits.DEFAULTS
                .withTemplateLifetime(cfg.templateLifetimeSeconds() * 1000L)
                .withHeld(cfg.heldBytesPerExporter(), cfg.heldMaxAgeSeconds() * 1000L);
        this.sinks = new Sinks(cfg);
        int n = cfg.decoderThreads();
        this.stateWriter = cfg.stateDir() != null && cfg.stateSaveSeconds() > 0 ? new StateWriter(n) : null;
        this.disruptor = new Disruptor<>(() -> new PacketEvent(cfg.slotBytes()), cfg.ringSize(),
                r -> {
                    Thread t = new Thread(r, "s4f-decode");
                    t.setDaemon(true);
                    return t;
                }, ProducerType.MULTI, cfg.ringWait().newStrategy());
        this.ingressStats = new IngressStats();
        List<Integer> udpPorts = new ArrayList<>();
        this.metrics = new CollectorMetrics(ingressStats, sinks.stats(), sinks.kind(), disruptor.getRingBuffer(),
                udpPorts, handlers, ringErrors, stateWriter);
        for (int i = 0; i < n; i++) {
            RecordSink sink = sinkWrapper.apply(sinks.newSink());
            DecodeHandler h = new DecodeHandler(i, registry, limits, sink, metrics.exporters::add,
                    null, cfg.stateSaveSeconds() * 1000L);
            final int partition = i;
            h.periodic(() -> saveStateInBackground(h, partition));
            handlers.add(h);
        }
        restoreState();
        disruptor.handleEventsWith(handlers.toArray(new DecodeHandler[0]));
        for (DecodeHandler h : handlers) {
            disruptor.handleExceptionsFor(h).with(new DecodeExceptionHandler(h, ringErrors));
        }
        RingBuffer<PacketEvent> ring = disruptor.start();
        for (DecodeHandler h : handlers) {
            h.ring(ring);
        }
        if (cfg.warmupMillis() > 0) {
            long t0 = System.nanoTime();
            long warmed = Warmup.run(registry, limits, sinks.format(), cfg.warmupMillis());
            LOG.info("warmed up on {} generated records in {} ms", warmed, (System.nanoTime() - t0) / 1_000_000);
        }
        Ingress ingress = new Ingress(ring, ExporterAllowlist.of(cfg.allowlist()), n, ingressStats);
        this.listeners = new Listeners(ingress, cfg.readerThreads(), cfg.udpBatch(),
                cfg.udpBatchMaxDatagram());
        try {
            for (URI l : cfg.listeners()) {
                listeners.bind(l, cfg.udpReceiveBufferBytes());
            }
            udpPorts.addAll(listeners.udpPorts());
            this.http = startMetrics(cfg.metricsListen());
        } catch (IOException | RuntimeException e) {
            listeners.close();
            disruptor.halt();
            sinks.close();
            if (stateWriter != null) {
                stateWriter.close();
            }
            throw e;
        }
        LOG.info("collector started: {} transport, {} reader(s), {} decoder(s), ring {} slots ({} wait), output {}",
                listeners.nativeTransport() ? "epoll" : "nio", cfg.readerThreads(), n, cfg.ringSize(),
                cfg.ringWait().configName(), cfg.output());
    }

    /** Binds every listener and starts; returns once it is receiving. */
    public static Collector start(CollectorConfig config) throws IOException {
        return new Collector(config, ElementRegistry.bundled(), UnaryOperator.identity());
    }

    public static Collector start(CollectorConfig config, ElementRegistry registry) throws IOException {
        return new Collector(config, registry, UnaryOperator.identity());
    }

    /** As {@link #start(CollectorConfig)}, each decoder's sink passed through {@code sinkWrapper} (tests). */
    static Collector start(CollectorConfig config, UnaryOperator<RecordSink> sinkWrapper) throws IOException {
        return new Collector(config, ElementRegistry.bundled(), sinkWrapper);
    }

    private HttpServer startMetrics(String listen) throws IOException {
        if (listen == null || listen.equals("off")) {
            return null;
        }
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetSocketAddress addr = new InetSocketAddress(host, Integer.parseInt(listen.substring(colon + 1)));
        HttpServer s;
        try {
            s = HttpServer.create(addr, 16);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + listen + ": " + e.getMessage(), e);
        }
        s.createContext("/metrics", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, 0);      // chunked: written as it is rendered
            try (Writer w = new BufferedWriter(new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8),
                    64 << 10)) {
                metrics.render(w);
            }
        });
        s.setExecutor(null);
        s.start();
        return s;
    }

    /** The addresses actually bound, in listener order (port 0 in the config becomes the real one). */
    public List<InetSocketAddress> boundAddresses() {
        return List.copyOf(listeners.bound());
    }

    /** The metrics endpoint's address, or null when off. */
    public InetSocketAddress metricsAddress() {
        return http == null ? null : http.getAddress();
    }

    /** Current counters in Prometheus text exposition format (what the endpoint serves). */
    public String metricsText() {
        return metrics.render();
    }

    /** Counters by name (per-exporter values summed; errors and sink results as {@code name:reason}). */
    public Map<String, Long> totals() {
        return metrics.totals();
    }

    // ------------------------------------------------------------------ state

    private Path stateFile(int partition) {
        return config.stateDir().resolve("templates-" + partition + ".bin");
    }

    /**
     * The periodic save, on the handler's own thread (end of a batch): copies the partition's state
     * into memory and hands the file write to {@link #stateWriter}.
     */
    private void saveStateInBackground(DecodeHandler h, int partition) {
        if (stateWriter == null) {
            return;
        }
        List<ExporterState> list = new ArrayList<>();
        h.exporters.forEach(list::add);
        stateWriter.submit(partition, stateFile(partition), StateSnapshot.encode(list, System.currentTimeMillis()));
    }

    /** The final save: synchronous, after the ring stopped and the background writer is done. */
    private void saveState(DecodeHandler h, int partition) {
        if (config.stateDir() == null) {
            return;
        }
        List<ExporterState> list = new ArrayList<>();
        h.exporters.forEach(list::add);
        try {
            StateSnapshot.write(list, stateFile(partition), System.currentTimeMillis());
        } catch (IOException e) {
            LOG.warn("cannot save template state to {}: {}", stateFile(partition), e.toString());
        }
    }

    private void restoreState() {
        Path dir = config.stateDir();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        int templates = 0;
        int stale = 0;
        int exporters = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "templates-*.bin")) {
            for (Path f : files) {
                try {
                    StateSnapshot.Restored r = StateSnapshot.read(f, ElementRegistry.bundled(), limits,
                            System.currentTimeMillis());
                    for (ExporterState st : r.exporters()) {
                        int p = ExporterTable.partition(st.address(), st.address().length, handlers.size());
                        handlers.get(p).exporters.put(st);
                        exporters++;
                    }
                    templates += r.templates();
                    stale += r.staleTemplates();
                } catch (IOException e) {
                    LOG.warn("ignoring template state {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read template state in {}: {}", dir, e.toString());
        }
        if (exporters > 0) {
            LOG.info("restored {} template(s) of {} exporter(s) from {} ({} too old, dropped)", templates,
                    exporters, dir, stale);
        }
    }

    // ------------------------------------------------------------------ stop

    /**
     * Graceful stop: stops reading, drains the ring, flushes and closes the sink, saves state,
     * writes the final counters (log, and the stats file when configured). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            awaitQuietReaders();
            listeners.close();
            try {
                disruptor.shutdown(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warn("ring not drained within 60 s; stopping anyway");
                disruptor.halt();
            }
            for (DecodeHandler h : handlers) {
                h.sink().close();
            }
            sinks.close();
            if (stateWriter != null) {
                stateWriter.close(); // before the final save: one writer per file at a time
            }
            for (int i = 0; i < handlers.size(); i++) {
                saveState(handlers.get(i), i);
            }
            if (http != null) {
                http.stop(0);
            }
            Map<String, Long> totals = metrics.totals();
            totals.put("s4f_collector_unread_at_stop_bytes", unreadAtStop);
            StringBuilder line = new StringBuilder("final counters:");
            totals.forEach((k, v) -> {
                if (v != 0) {
                    line.append(' ').append(k.replace("s4f_collector_", "")).append('=').append(v);
                }
            });
            LOG.info(line.toString());
            if (config.statsJson() != null) {
                writeStatsJson(config.statsJson(), totals);
            }
        } finally {
            terminated.countDown();
        }
    }

    /**
     * Lets the readers take what the kernel already holds for them before the sockets close, so
     * that datagrams received before the stop are not lost unseen: waits until the receive queues of
     * our UDP sockets are empty (at most 10 s; without /proc, until no datagram came for 100 ms, at
     * most 2 s). What is still queued when the wait ends is logged and counted
     * ({@code unread_at_stop_bytes}).
     */
    private void awaitQuietReaders() {
        List<Integer> ports = listeners.udpPorts();
        long pending = KernelUdpDrops.pendingBytes(ports);
        long end = System.currentTimeMillis() + (pending >= 0 ? 10_000 : 2_000);
        long last = ingressStats.received.sum() + ingressStats.notAllowed.sum();
        while (System.currentTimeMillis() < end) {
            if (pending == 0) {
                break;
            }
            try {
                Thread.sleep(pending > 0 ? 20 : 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending > 0) {
                pending = KernelUdpDrops.pendingBytes(ports);
            } else {
                long now = ingressStats.received.sum() + ingressStats.notAllowed.sum();
                if (now == last) {
                    break;
                }
                last = now;
            }
        }
        if (pending > 0) {
            unreadAtStop = pending;
            LOG.warn("{} bytes of datagrams were still unread in the UDP receive queues at stop", pending);
        }
    }

    private void writeStatsJson(Path file, Map<String, Long> totals) {
        StringBuilder b = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            b.append("  \"").append(e.getKey()).append("\": ").append(e.getValue())
                    .append(++i < totals.size() ? ",\n" : "\n");
        }
        b.append("}\n");
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, b.toString());
        } catch (IOException e) {
            LOG.warn("cannot write stats to {}: {}", file, e.toString());
        }
    }

    /** Blocks until {@link #close()} has completed (e.g. from a shutdown hook on SIGTERM). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }
}
