package io.stream4flow.collector.live;

import io.stream4flow.collector.config.KafkaLogin;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code s4fctl collector run} can be told, with the defaults of the architecture.
 * Immutable; built from the YAML file and the flags by {@code CollectorConfigLoader}, in code with
 * {@link #builder()} or {@link #toBuilder()}.
 *
 * @param listeners {@code udp://HOST:PORT} (NetFlow v5/v9 and IPFIX, version per datagram) and
 *     {@code tcp://HOST:PORT} (IPFIX over TCP)
 * @param output {@code kafka://HOST:PORT/TOPIC}, {@code file:PATH}, {@code stdout} or {@code null}
 * @param allowlist exporter networks in CIDR form; empty accepts every exporter
 * @param readerThreads UDP reader threads (one socket each with SO_REUSEPORT on epoll)
 * @param decoderThreads decode handlers; exporters are partitioned among them by address
 * @param ringSize slots of the ring between readers and decoders (a power of two)
 * @param slotBytes initial payload capacity of a ring slot (grows for larger datagrams)
 * @param udpReceiveBufferBytes SO_RCVBUF asked for each UDP socket
 * @param udpBatch datagrams one read takes from a UDP socket ({@code recvmmsg} on epoll; 1: one {@code recvmsg}
 *     per datagram)
 * @param udpBatchMaxDatagram with {@code udpBatch} above 1: the largest datagram a batched read takes whole (each
 *     gets a slot of one byte more); a larger one is cut by the kernel, so it is dropped and counted
 *     ({@code truncated}); 9000 by default, which holds every datagram of a jumbo-frame path
 * @param stateDir where template and sampling state is saved ({@code ~/.stream4flow/state})
 * @param stateSaveSeconds how often state is saved (and at shutdown); 0 saves only at shutdown
 * @param templateLifetimeSeconds a template not refreshed for this long is forgotten (UDP)
 * @param heldBytesPerExporter bytes of data held per exporter while its template is missing
 * @param heldMaxAgeSeconds held data older than this is dropped and counted
 * @param metricsListen {@code HOST:PORT} of the Prometheus text endpoint, or {@code off}
 * @param statsJson file the final counters are written to at exit, or null
 * @param kafkaLogin how the producer logs in to the brokers ({@link KafkaLogin#NONE}: PLAINTEXT)
 * @param kafkaCompression {@code lz4}, {@code zstd}, {@code snappy}, {@code gzip} or {@code none}
 * @param kafkaLingerMs producer linger
 * @param kafkaBatchBytes producer batch size
 * @param kafkaBufferBytes producer buffer: the bounded buffer in front of the broker
 * @param kafkaMessageRecords Avro output: at most this many records of one exporter per Kafka message (a block,
 *     {@code FlowBlock}); JSON output has one record per message
 * @param fileRotateBytes file sink: start a new file past this size (0: never)
 * @param fileRotateSeconds file sink: start a new file after this long (0: never)
 * @param ringWait how idle decode threads wait for ring events ({@link RingWait#SLEEPING} by default)
 * @param warmupMillis how long the decoder and encoder run on generated traffic before the listeners bind, so
 *     that the first datagrams meet compiled code (0: no warm-up)
 * @param jvmHeapBytes maximum heap of the collector's JVM ({@code -Xmx}) when {@code s4fctl collector run}
 *     starts it (256 MiB: the collector's budget); a JVM whose heap was chosen on its command line keeps it
 */
public record CollectorConfig(
        List<URI> listeners,
        URI output,
        List<String> allowlist,
        int readerThreads,
        int decoderThreads,
        int ringSize,
        int slotBytes,
        int udpReceiveBufferBytes,
        int udpBatch,
        int udpBatchMaxDatagram,
        Path stateDir,
        int stateSaveSeconds,
        int templateLifetimeSeconds,
        int heldBytesPerExporter,
        int heldMaxAgeSeconds,
        String metricsListen,
        Path statsJson,
        KafkaLogin kafkaLogin,
        String kafkaCompression,
        int kafkaLingerMs,
        int kafkaBatchBytes,
        long kafkaBufferBytes,
        int kafkaMessageRecords,
        long fileRotateBytes,
        int fileRotateSeconds,
        RingWait ringWait,
        long jvmHeapBytes,
        long warmupMillis) {

    /** The collector's heap budget: {@code jvm.heap} by default, and what {@code s4fctl up} gives it. */
    public static final long DEFAULT_HEAP_BYTES = 256L << 20;

    public CollectorConfig {
        if (ringWait == null) {
            throw new IllegalArgumentException("ringWait: null (use RingWait.SLEEPING for the default)");
        }
        listeners = List.copyOf(listeners);
        allowlist = List.copyOf(allowlist);
    }

    public static CollectorConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This configuration with decode threads waiting {@code wait}. */
    public CollectorConfig withRingWait(RingWait wait) {
        return toBuilder().ringWait(wait).build();
    }

    /** A mutable configuration, the defaults to start with; not thread-safe. */
    public static final class Builder {
        private List<URI> listeners = List.of(URI.create("udp://0.0.0.0:4739"), URI.create("udp://0.0.0.0:2055"),
                URI.create("tcp://0.0.0.0:4739"));
        private URI output = URI.create("stdout");
        private List<String> allowlist = List.of();
        private int readerThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        private int decoderThreads = 1;
        private int ringSize = 8192;
        private int slotBytes = 2048;
        private int udpReceiveBufferBytes = 16 << 20;
        private int udpBatch = 1;
        private int udpBatchMaxDatagram = 9000;
        private Path stateDir = Path.of(System.getProperty("user.home"), ".stream4flow", "state");
        private int stateSaveSeconds = 60;
        private int templateLifetimeSeconds = 1800;
        private int heldBytesPerExporter = 1 << 20;
        private int heldMaxAgeSeconds = 60;
        private String metricsListen = "127.0.0.1:9464";
        private Path statsJson = null;
        private KafkaLogin kafkaLogin = KafkaLogin.NONE;
        private String kafkaCompression = "lz4";
        private int kafkaLingerMs = 5;
        private int kafkaBatchBytes = 256 << 10;
        private long kafkaBufferBytes = 64L << 20;
        private int kafkaMessageRecords = 64;
        private long fileRotateBytes = 0;
        private int fileRotateSeconds = 0;
        private RingWait ringWait = RingWait.SLEEPING;
        private long jvmHeapBytes = DEFAULT_HEAP_BYTES;
        private long warmupMillis = 2_000;

        private Builder() {
        }

        private Builder(CollectorConfig c) {
            listeners = c.listeners();
            output = c.output();
            allowlist = c.allowlist();
            readerThreads = c.readerThreads();
            decoderThreads = c.decoderThreads();
            ringSize = c.ringSize();
            slotBytes = c.slotBytes();
            udpReceiveBufferBytes = c.udpReceiveBufferBytes();
            udpBatch = c.udpBatch();
            udpBatchMaxDatagram = c.udpBatchMaxDatagram();
            stateDir = c.stateDir();
            stateSaveSeconds = c.stateSaveSeconds();
            templateLifetimeSeconds = c.templateLifetimeSeconds();
            heldBytesPerExporter = c.heldBytesPerExporter();
            heldMaxAgeSeconds = c.heldMaxAgeSeconds();
            metricsListen = c.metricsListen();
            statsJson = c.statsJson();
            kafkaLogin = c.kafkaLogin();
            kafkaCompression = c.kafkaCompression();
            kafkaLingerMs = c.kafkaLingerMs();
            kafkaBatchBytes = c.kafkaBatchBytes();
            kafkaBufferBytes = c.kafkaBufferBytes();
            kafkaMessageRecords = c.kafkaMessageRecords();
            fileRotateBytes = c.fileRotateBytes();
            fileRotateSeconds = c.fileRotateSeconds();
            ringWait = c.ringWait();
            jvmHeapBytes = c.jvmHeapBytes();
            warmupMillis = c.warmupMillis();
        }

        public Builder listeners(List<URI> v) {
            listeners = v;
            return this;
        }

        public Builder output(URI v) {
            output = v;
            return this;
        }

        public Builder allowlist(List<String> v) {
            allowlist = v;
            return this;
        }

        public Builder readerThreads(int v) {
            readerThreads = v;
            return this;
        }

        public Builder decoderThreads(int v) {
            decoderThreads = v;
            return this;
        }

        public Builder ringSize(int v) {
            ringSize = v;
            return this;
        }

        public Builder slotBytes(int v) {
            slotBytes = v;
            return this;
        }

        public Builder udpReceiveBufferBytes(int v) {
            udpReceiveBufferBytes = v;
            return this;
        }

        public Builder udpBatch(int v) {
            udpBatch = v;
            return this;
        }

        public Builder udpBatchMaxDatagram(int v) {
            udpBatchMaxDatagram = v;
            return this;
        }

        public Builder stateDir(Path v) {
            stateDir = v;
            return this;
        }

        public Builder stateSaveSeconds(int v) {
            stateSaveSeconds = v;
            return this;
        }

        public Builder templateLifetimeSeconds(int v) {
            templateLifetimeSeconds = v;
            return this;
        }

        public Builder heldBytesPerExporter(int v) {
            heldBytesPerExporter = v;
            return this;
        }

        public Builder heldMaxAgeSeconds(int v) {
            heldMaxAgeSeconds = v;
            return this;
        }

        public Builder metricsListen(String v) {
            metricsListen = v;
            return this;
        }

        public Builder statsJson(Path v) {
            statsJson = v;
            return this;
        }

        public Builder kafkaLogin(KafkaLogin v) {
            kafkaLogin = v;
            return this;
        }

        /** The login with {@code change} applied to the current one (one setting of it at a time). */
        public Builder kafkaLogin(java.util.function.UnaryOperator<KafkaLogin> change) {
            kafkaLogin = change.apply(kafkaLogin);
            return this;
        }

        public Builder kafkaCompression(String v) {
            kafkaCompression = v;
            return this;
        }

        public Builder kafkaLingerMs(int v) {
            kafkaLingerMs = v;
            return this;
        }

        public Builder kafkaBatchBytes(int v) {
            kafkaBatchBytes = v;
            return this;
        }

        public Builder kafkaBufferBytes(long v) {
            kafkaBufferBytes = v;
            return this;
        }

        public Builder kafkaMessageRecords(int v) {
            kafkaMessageRecords = v;
            return this;
        }

        public Builder fileRotateBytes(long v) {
            fileRotateBytes = v;
            return this;
        }

        public Builder fileRotateSeconds(int v) {
            fileRotateSeconds = v;
            return this;
        }

        public Builder ringWait(RingWait v) {
            ringWait = v;
            return this;
        }

        public Builder jvmHeapBytes(long v) {
            jvmHeapBytes = v;
            return this;
        }

        public Builder warmupMillis(long v) {
            warmupMillis = v;
            return this;
        }

        public CollectorConfig build() {
            return new CollectorConfig(listeners, output, allowlist, readerThreads, decoderThreads, ringSize, slotBytes,
                    udpReceiveBufferBytes, udpBatch, udpBatchMaxDatagram, stateDir, stateSaveSeconds, templateLifetimeSeconds,
                    heldBytesPerExporter, heldMaxAgeSeconds, metricsListen, statsJson, kafkaLogin, kafkaCompression,
                    kafkaLingerMs,
                    kafkaBatchBytes, kafkaBufferBytes, kafkaMessageRecords, fileRotateBytes, fileRotateSeconds,
                    ringWait, jvmHeapBytes, warmupMillis);
        }
    }
}
