package io.stream4flow.collector.config;

import io.stream4flow.schema.Topics;
import io.stream4flow.collector.live.CollectorConfig;
import io.stream4flow.schema.net.Cidr;
import io.stream4flow.collector.live.RingWait;
import io.stream4flow.collector.live.sink.OutputUri;
import io.stream4flow.collector.net.HostPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documented keys of the collector configuration: for each, how its value is checked and set,
 * and how it is written back. The one table that the loader, the flags, the printer and the tests
 * of the example file all read, so they cannot disagree.
 */
final class ConfigKeys {
    static final String LISTENER_FORM = "udp://HOST:PORT or tcp://HOST:PORT";
    static final String OUTPUT_FORM = "kafka://HOST:PORT/TOPIC, file:PATH, stdout or null";
    static final List<String> COMPRESSIONS = List.of("lz4", "zstd", "snappy", "gzip", "none");
    /** Kafka topic when {@code kafka://HOST:PORT} names none. */
    static final String DEFAULT_TOPIC = Topics.FLOWS;
    static final int MAX_THREADS = 1024;
    /** recvmmsg takes at most UIO_MAXIOV (1024) messages. */
    static final int MAX_UDP_BATCH = 1024;
    static final int MAX_MESSAGE_RECORDS = 65_536;
    /** Smallest {@code jvm.heap}: below it the JVM and the ring do not fit. */
    static final long MIN_HEAP_BYTES = 32L << 20;
    /** Longest duration accepted anywhere: 366 days, in seconds. */
    static final int MAX_SECONDS = 366 * 24 * 3600;

    private static final Pattern KAFKA = Pattern.compile("kafka://([^/]*)(?:/(.*))?");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    /**
     * One key.
     *
     * @param path dotted path in the file ({@code ring.size})
     * @param set checks a value and sets it
     * @param get the value of a config as YAML text: a String (one scalar) or a List of scalars
     */
    record Key(String path, BiConsumer<Value, CollectorConfig.Builder> set, Function<CollectorConfig, Object> get) {
        /** The section, {@code ""} for a top-level key. */
        String section() {
            int dot = path.indexOf('.');
            return dot < 0 ? "" : path.substring(0, dot);
        }

        /** The name within the section. */
        String name() {
            return path.substring(path.indexOf('.') + 1);
        }
    }

    static final List<Key> KEYS = List.of(
            new Key("listen", (v, b) -> b.listeners(listeners(v)),
                    c -> c.listeners().stream().map(u -> quote(u.toString())).toList()),
            new Key("output", (v, b) -> b.output(output(v)), c -> quote(outputText(c.output()))),
            new Key("allow", (v, b) -> b.allowlist(allowlist(v)),
                    c -> c.allowlist().stream().map(ConfigKeys::quote).toList()),
            new Key("readers", (v, b) -> b.readerThreads(v.integer(1, MAX_THREADS)), c -> num(c.readerThreads())),
            new Key("decoders", (v, b) -> b.decoderThreads(v.integer(1, MAX_THREADS)), c -> num(c.decoderThreads())),
            new Key("ring.size", (v, b) -> b.ringSize(powerOfTwo(v)), c -> num(c.ringSize())),
            new Key("ring.slot-bytes", (v, b) -> b.slotBytes((int) v.bytes(64, 65536)),
                    c -> Units.formatBytes(c.slotBytes())),
            new Key("ring.wait", (v, b) -> b.ringWait(ringWait(v)), c -> c.ringWait().configName()),
            new Key("udp.receive-buffer", (v, b) -> b.udpReceiveBufferBytes((int) v.bytes(1024, Integer.MAX_VALUE)),
                    c -> Units.formatBytes(c.udpReceiveBufferBytes())),
            new Key("udp.batch", (v, b) -> b.udpBatch(v.integer(1, MAX_UDP_BATCH)), c -> num(c.udpBatch())),
            new Key("udp.batch-max-datagram", (v, b) -> b.udpBatchMaxDatagram((int) v.bytes(512, 65_535)),
                    c -> Units.formatBytes(c.udpBatchMaxDatagram())),
            new Key("state.dir", (v, b) -> b.stateDir(v.path()), c -> quote(c.stateDir().toString())),
            new Key("state.save-every", (v, b) -> b.stateSaveSeconds(v.seconds(0, MAX_SECONDS)),
                    c -> seconds(c.stateSaveSeconds())),
            new Key("templates.lifetime", (v, b) -> b.templateLifetimeSeconds(v.seconds(1, MAX_SECONDS)),
                    c -> seconds(c.templateLifetimeSeconds())),
            new Key("held.bytes-per-exporter", (v, b) -> b.heldBytesPerExporter((int) v.bytes(0, Integer.MAX_VALUE)),
                    c -> Units.formatBytes(c.heldBytesPerExporter())),
            new Key("held.max-age", (v, b) -> b.heldMaxAgeSeconds(v.seconds(0, MAX_SECONDS)),
                    c -> seconds(c.heldMaxAgeSeconds())),
            new Key("metrics.listen", (v, b) -> b.metricsListen(metrics(v)), c -> quote(c.metricsListen())),
            new Key("stats-json", (v, b) -> b.statsJson(v.isNull() ? null : v.path()),
                    c -> c.statsJson() == null ? "null" : quote(c.statsJson().toString())),
            new Key("kafka.security-protocol", (v, b) -> b.kafkaLogin(l -> new KafkaLogin(v.string(), l.mechanism(),
                    l.username(), l.passwordFile(), l.truststore())), c -> c.kafkaLogin().protocol()),
            new Key("kafka.sasl-mechanism", (v, b) -> b.kafkaLogin(l -> new KafkaLogin(l.protocol(), nullable(v),
                    l.username(), l.passwordFile(), l.truststore())), c -> text(c.kafkaLogin().mechanism())),
            new Key("kafka.username", (v, b) -> b.kafkaLogin(l -> new KafkaLogin(l.protocol(), l.mechanism(),
                    nullable(v), l.passwordFile(), l.truststore())), c -> text(c.kafkaLogin().username())),
            new Key("kafka.password-file", (v, b) -> b.kafkaLogin(l -> new KafkaLogin(l.protocol(), l.mechanism(),
                    l.username(), v.isNull() ? null : v.path(), l.truststore())),
                    c -> text(c.kafkaLogin().passwordFile())),
            new Key("kafka.truststore", (v, b) -> b.kafkaLogin(l -> new KafkaLogin(l.protocol(), l.mechanism(),
                    l.username(), l.passwordFile(), v.isNull() ? null : v.path())),
                    c -> text(c.kafkaLogin().truststore())),
            new Key("kafka.compression", (v, b) -> b.kafkaCompression(compression(v)), c -> c.kafkaCompression()),
            new Key("kafka.linger", (v, b) -> b.kafkaLingerMs((int) v.millis(0, Integer.MAX_VALUE)),
                    c -> Units.formatMillis(c.kafkaLingerMs())),
            new Key("kafka.batch", (v, b) -> b.kafkaBatchBytes((int) v.bytes(0, Integer.MAX_VALUE)),
                    c -> Units.formatBytes(c.kafkaBatchBytes())),
            new Key("kafka.buffer", (v, b) -> b.kafkaBufferBytes(v.bytes(1, Long.MAX_VALUE)),
                    c -> Units.formatBytes(c.kafkaBufferBytes())),
            new Key("kafka.message-records", (v, b) -> b.kafkaMessageRecords(v.integer(1, MAX_MESSAGE_RECORDS)),
                    c -> num(c.kafkaMessageRecords())),
            new Key("file.rotate-bytes", (v, b) -> b.fileRotateBytes(v.bytes(0, Long.MAX_VALUE)),
                    c -> Units.formatBytes(c.fileRotateBytes())),
            new Key("file.rotate-every", (v, b) -> b.fileRotateSeconds(v.seconds(0, MAX_SECONDS)),
                    c -> seconds(c.fileRotateSeconds())),
            new Key("warmup", (v, b) -> b.warmupMillis(v.millis(0, MAX_SECONDS * 1000L)),
                    c -> Units.formatMillis(c.warmupMillis())),
            new Key("jvm.heap", (v, b) -> b.jvmHeapBytes(v.bytes(MIN_HEAP_BYTES, Long.MAX_VALUE)),
                    c -> Units.formatBytes(c.jvmHeapBytes())));

    private ConfigKeys() { }

    static Key key(String path) {
        for (Key k : KEYS) {
            if (k.path().equals(path)) {
                return k;
            }
        }
        throw new IllegalArgumentException(path);
    }

    static List<URI> listeners(Value v) {
        List<URI> out = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        for (Value e : v.list()) {
            URI u;
            try {
                u = HostPort.endpoint(e.string(), LISTENER_FORM, "udp", "tcp");
            } catch (ConfigException x) {
                throw x;
            } catch (IllegalArgumentException x) {
                throw e.fail(x.getMessage());
            }
            if (!seen.add(u)) {
                throw e.fail("'" + u + "' is listed twice");
            }
            out.add(u);
        }
        if (out.isEmpty()) {
            throw v.fail("no listener (give at least one " + LISTENER_FORM + ")");
        }
        return out;
    }

    /**
     * {@code stdout}, {@code null}, {@code kafka://HOST:PORT/TOPIC} (topic {@value #DEFAULT_TOPIC}
     * when none is given) or {@code file:PATH}, normalized to {@code file:/ABSOLUTE/PATH}.
     */
    static URI output(Value v) {
        String s = v.string();
        try {
            OutputUri.format(s);
        } catch (IllegalArgumentException x) {
            throw v.fail(x.getMessage());
        }
        return OutputUri.withFormatOf(outputBase(v, OutputUri.base(s)), s);
    }

    /** {@link #output} without {@code ?format=}. */
    private static URI outputBase(Value v, String s) {
        if (s.equals("stdout") || s.equals("null")) {
            return URI.create(s);
        }
        Matcher k = KAFKA.matcher(s);
        if (k.matches()) {
            HostPort broker;
            try {
                broker = HostPort.parse(k.group(1));
            } catch (IllegalArgumentException x) {
                throw v.fail("'" + s + "' is not kafka://HOST:PORT/TOPIC (" + x.getMessage() + ")");
            }
            if (broker.port() == 0) {
                throw v.fail("'" + s + "': port 0 is not a broker's port");
            }
            String topic = k.group(2) == null || k.group(2).isEmpty() ? DEFAULT_TOPIC : k.group(2);
            if (!TOPIC.matcher(topic).matches()) {
                throw v.fail("'" + s + "': '" + topic + "' is not a Kafka topic name (letters, digits, . _ -)");
            }
            return URI.create("kafka://" + broker + "/" + topic);
        }
        if (s.startsWith("file:")) {
            String p = s.substring("file:".length());
            if (p.startsWith("//")) {
                if (!p.startsWith("///")) {
                    throw v.fail("'" + s + "': only local files (file:/PATH or file:///PATH)");
                }
                p = p.substring(2);
            }
            if (p.isEmpty()) {
                throw v.fail("'" + s + "' names no file (file:PATH)");
            }
            Path path = v.path(p).toAbsolutePath();
            try {
                return new URI("file", null, path.toString(), null);
            } catch (URISyntaxException x) {
                throw v.fail("'" + s + "' is not a file path");
            }
        }
        throw v.fail("'" + s + "' is not " + OUTPUT_FORM);
    }

    static List<String> allowlist(Value v) {
        List<String> out = new ArrayList<>();
        for (Value e : v.list()) {
            try {
                Cidr.parse(e.string());
            } catch (ConfigException x) {
                throw x;
            } catch (IllegalArgumentException x) {
                throw e.fail(x.getMessage());
            }
            out.add(e.string());
        }
        return out;
    }

    /** {@code off} (or false) or {@code HOST:PORT}. */
    static String metrics(Value v) {
        if (Boolean.FALSE.equals(v.raw()) || "off".equals(v.raw())) {
            return "off";
        }
        try {
            return HostPort.parse(v.string()).toString();
        } catch (ConfigException x) {
            throw x;
        } catch (IllegalArgumentException x) {
            throw v.fail(x.getMessage().replace("HOST:PORT", "HOST:PORT or off"));
        }
    }

    static String compression(Value v) {
        String s = v.string();
        if (!COMPRESSIONS.contains(s)) {
            throw v.fail("'" + s + "' is not one of " + String.join(", ", COMPRESSIONS));
        }
        return s;
    }

    /** {@code sleeping}, {@code blocking}, {@code yielding} or {@code busy-spin}. */
    static RingWait ringWait(Value v) {
        String s = v.string();
        RingWait w = RingWait.named(s);
        if (w == null) {
            throw v.fail("'" + s + "' is not one of " + String.join(", ", RingWait.configNames()));
        }
        return w;
    }

    static int powerOfTwo(Value v) {
        int n = v.integer(2, 1 << 30);
        if (Integer.bitCount(n) != 1) {
            throw v.fail(n + " is not a power of two");
        }
        return n;
    }

    /** An output URI as written in the file: {@code file:PATH} with the path not %-escaped. */
    static String outputText(URI output) {
        return "file".equals(output.getScheme())
                ? "file:" + Path.of(OutputUri.base(output)) + OutputUri.query(output) : output.toString();
    }

    private static String num(long n) {
        return Long.toString(n);
    }

    private static String seconds(int s) {
        return Units.formatMillis(s * 1000L);
    }

    /** A YAML double-quoted scalar. */
    private static String nullable(Value v) {
        return v.isNull() ? null : v.string();
    }

    private static String text(Object o) {
        return o == null ? "null" : quote(o.toString());
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
