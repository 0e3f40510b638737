package io.stream4flow.collector.live;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code s4fctl collector run} can be told, with the defaults of the architecture.
 * Immutable; built from the YAML file and the flags by {@code CollectorConfigLoader}.
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
 * @param stateDir where template and sampling state is saved ({@code ~/.stream4flow/state})
 * @param stateSaveSeconds how often state is saved (and at shutdown); 0 saves only at shutdown
 * @param templateLifetimeSeconds a template not refreshed for this long is forgotten (UDP)
 * @param heldBytesPerExporter bytes of data held per exporter while its template is missing
 * @param heldMaxAgeSeconds held data older than this is dropped and counted
 * @param metricsListen {@code HOST:PORT} of the Prometheus text endpoint, or {@code off}
 * @param statsJson file the final counters are written to at exit, or null
 * @param kafkaCompression {@code lz4}, {@code zstd}, {@code snappy}, {@code gzip} or {@code none}
 * @param kafkaLingerMs producer linger
 * @param kafkaBatchBytes producer batch size
 * @param kafkaBufferBytes producer buffer: the bounded buffer in front of the broker
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
        Path stateDir,
        int stateSaveSeconds,
        int templateLifetimeSeconds,
        int heldBytesPerExporter,
        int heldMaxAgeSeconds,
        String metricsListen,
        Path statsJson,
        String kafkaCompression,
        int kafkaLingerMs,
        int kafkaBatchBytes,
        long kafkaBufferBytes,
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
    }

    /** This configuration with decode threads waiting {@code wait}. */
    public CollectorConfig withRingWait(RingWait wait) {
        return new CollectorConfig(listeners, output, allowlist, readerThreads, decoderThreads, ringSize, slotBytes,
                udpReceiveBufferBytes, stateDir, stateSaveSeconds, templateLifetimeSeconds, heldBytesPerExporter,
                heldMaxAgeSeconds, metricsListen, statsJson, kafkaCompression, kafkaLingerMs, kafkaBatchBytes,
                kafkaBufferBytes, fileRotateBytes, fileRotateSeconds, wait, jvmHeapBytes, warmupMillis);
    }

    public static CollectorConfig defaults() {
        return new CollectorConfig(
                List.of(URI.create("udp://0.0.0.0:4739"), URI.create("udp://0.0.0.0:2055"),
                        URI.create("tcp://0.0.0.0:4739")),
                URI.create("stdout"),
                List.of(),
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2)),
                1,
                8192,
                2048,
                16 << 20,
                Path.of(System.getProperty("user.home"), ".stream4flow", "state"),
                60,
                1800,
                1 << 20,
                60,
                "127.0.0.1:9464",
                null,
                "lz4",
                5,
                256 << 10,
                64L << 20,
                0,
                0,
                RingWait.SLEEPING,
                DEFAULT_HEAP_BYTES,
                2_000);
    }
}
