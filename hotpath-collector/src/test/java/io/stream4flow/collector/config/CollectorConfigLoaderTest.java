package io.stream4flow.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.collector.config.CollectorConfigLoader.Overrides;
import io.stream4flow.collector.live.CollectorConfig;
import io.stream4flow.collector.live.RingWait;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The YAML file and the flags of {@code s4fctl collector run} into a {@link CollectorConfig}. */
class CollectorConfigLoaderTest {
    private static final Path BASE = Paths.get("/etc/s4f");
    private static final String HOME = System.getProperty("user.home");

    static CollectorConfig parse(String yaml) {
        return CollectorConfigLoader.parse("config.yaml", yaml, BASE);
    }

    static String example() throws IOException {
        try (InputStream in = CollectorConfigLoader.class.getResourceAsStream("collector-example.yaml")) {
            assertThat(in).as("collector-example.yaml beside CollectorConfigLoader").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The message of the ConfigException that parsing {@code yaml} throws. */
    static String refusal(String yaml) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> parse(yaml));
        assertThat(t).as(yaml).isInstanceOf(ConfigException.class);
        assertThat(t.getMessage()).doesNotContain("\n");
        return t.getMessage();
    }

    // ---- the example file is the documentation: it must load, list every key, and show the defaults

    @Test
    void theExampleFileLoadsAndShowsTheDefaults() throws IOException {
        CollectorConfig example = parse(example());
        CollectorConfig defaults = CollectorConfig.defaults();

        assertThat(example.readerThreads()).isEqualTo(2);   // the default depends on the cores
        assertThat(example).usingRecursiveComparison().ignoringFields("readerThreads").isEqualTo(defaults);
    }

    @Test
    void theExampleFileHasEveryKeyAndNoOther() throws IOException {
        Map<?, ?> root = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(example());
        List<String> keys = new ArrayList<>();
        root.forEach((k, v) -> {
            if (v instanceof Map<?, ?> section) {
                section.keySet().forEach(n -> keys.add(k + "." + n));
            } else {
                keys.add(String.valueOf(k));
            }
        });

        assertThat(keys).containsExactlyElementsOf(CollectorConfigLoader.keys());
    }

    @Test
    void everyKeyOfTheExampleHasACommentAboveItOrItsSection() throws IOException {
        List<String> lines = List.of(example().split("\n"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches("[a-z-]+:.*") && !line.startsWith("#")) {
                assertThat(lines.get(i - 1)).as("line above '%s'", line).startsWith("#");
            }
        }
    }

    @Test
    void anEmptyFileIsTheDefaults() {
        assertThat(parse("")).isEqualTo(CollectorConfig.defaults());
        assertThat(parse("# nothing\n")).isEqualTo(CollectorConfig.defaults());
    }

    @Test
    void everyKeyIsReadInItsUnits() {
        CollectorConfig c = parse("""
                listen: [udp://127.0.0.1:9995, "tcp://[::1]:4739", udp://collector.example:0]
                output: kafka://127.0.0.1:9092/flows-test
                allow: [10.0.0.0/8, 192.0.2.1/32, 2001:db8::/32, 198.51.100.7]
                readers: 3
                decoders: 2
                ring: {size: 1024, slot-bytes: 4KiB, wait: busy-spin}
                udp: {receive-buffer: 8MiB}
                state: {dir: ~/s4f-state, save-every: 2m}
                templates: {lifetime: 1h}
                held: {bytes-per-exporter: 512KiB, max-age: 90}
                metrics: {listen: "[::1]:9000"}
                stats-json: stats/final.json
                kafka: {compression: zstd, linger: 20ms, batch: 1MiB, buffer: 1GiB}
                file: {rotate-bytes: 2GiB, rotate-every: 1h}
                """);

        assertThat(c.listeners()).containsExactly(URI.create("udp://127.0.0.1:9995"),
                URI.create("tcp://[::1]:4739"), URI.create("udp://collector.example:0"));
        assertThat(c.output()).isEqualTo(URI.create("kafka://127.0.0.1:9092/flows-test"));
        assertThat(c.allowlist()).containsExactly("10.0.0.0/8", "192.0.2.1/32", "2001:db8::/32", "198.51.100.7");
        assertThat(c.readerThreads()).isEqualTo(3);
        assertThat(c.decoderThreads()).isEqualTo(2);
        assertThat(c.ringSize()).isEqualTo(1024);
        assertThat(c.slotBytes()).isEqualTo(4096);
        assertThat(c.ringWait()).isEqualTo(RingWait.BUSY_SPIN);
        assertThat(c.udpReceiveBufferBytes()).isEqualTo(8 << 20);
        assertThat(c.stateDir()).isEqualTo(Paths.get(HOME, "s4f-state"));
        assertThat(c.stateSaveSeconds()).isEqualTo(120);
        assertThat(c.templateLifetimeSeconds()).isEqualTo(3600);
        assertThat(c.heldBytesPerExporter()).isEqualTo(512 << 10);
        assertThat(c.heldMaxAgeSeconds()).isEqualTo(90);
        assertThat(c.metricsListen()).isEqualTo("[::1]:9000");
        assertThat(c.statsJson()).isEqualTo(BASE.resolve("stats/final.json"));
        assertThat(c.kafkaCompression()).isEqualTo("zstd");
        assertThat(c.kafkaLingerMs()).isEqualTo(20);
        assertThat(c.kafkaBatchBytes()).isEqualTo(1 << 20);
        assertThat(c.kafkaBufferBytes()).isEqualTo(1L << 30);
        assertThat(c.fileRotateBytes()).isEqualTo(2L << 30);
        assertThat(c.fileRotateSeconds()).isEqualTo(3600);
    }

    @Test
    void keysNotGivenKeepTheirDefaults() {
        CollectorConfig c = parse("ring: {size: 64}\n");

        assertThat(c.ringSize()).isEqualTo(64);
        assertThat(c).usingRecursiveComparison().ignoringFields("ringSize").isEqualTo(CollectorConfig.defaults());
    }

    @Test
    void outputsAreNormalized() {
        assertThat(parse("output: stdout").output()).isEqualTo(URI.create("stdout"));
        assertThat(parse("output: 'null'").output()).isEqualTo(URI.create("null"));
        assertThat(parse("output: kafka://broker.example:9092").output())
                .isEqualTo(URI.create("kafka://broker.example:9092/flows"));
        assertThat(parse("output: file:flows.json").output()).isEqualTo(URI.create("file:/etc/s4f/flows.json"));
        assertThat(parse("output: file:///var/lib/s4f/flows.json").output())
                .isEqualTo(URI.create("file:/var/lib/s4f/flows.json"));
        assertThat(Path.of(parse("output: file:~/my flows.json").output())).isEqualTo(Paths.get(HOME, "my flows.json"));
    }

    @Test
    void metricsCanBeTurnedOffInEveryWay() {
        assertThat(parse("metrics: off").metricsListen()).isEqualTo("off");
        assertThat(parse("metrics: {listen: off}").metricsListen()).isEqualTo("off");
        assertThat(parse("metrics: false").metricsListen()).isEqualTo("off");
        assertThat(parse("metrics: 0.0.0.0:9100").metricsListen()).isEqualTo("0.0.0.0:9100");
    }

    @Test
    void statsJsonNullIsNone() {
        assertThat(parse("stats-json: null").statsJson()).isNull();
        assertThat(parse("stats-json: /tmp/s.json").statsJson()).isEqualTo(Paths.get("/tmp/s.json"));
    }

    @Test
    void aFileIsNamedAsGivenAndRelativePathsStartBesideIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("collector.yaml"), "state: {dir: state}\nring: {sise: 1}\n");
        assertThatThrownBy(() -> CollectorConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": unknown key 'ring.sise' (known: size, slot-bytes, wait)");

        Files.writeString(file, "state: {dir: state}\n");
        assertThat(CollectorConfigLoader.load(file).stateDir()).isEqualTo(dir.resolve("state"));
    }

    @Test
    void aHugeFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("big.yaml"), new byte[CollectorConfigLoader.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> CollectorConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("too large");
    }

    // ---- every refusal is one line naming the key and the value

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() {
        assertThat(refusal("ring: {sise: 8192}"))
                .isEqualTo("config.yaml: unknown key 'ring.sise' (known: size, slot-bytes, wait)");
        assertThat(refusal("lisen: [udp://0.0.0.0:4739]"))
                .startsWith("config.yaml: unknown key 'lisen' (known: listen, output, allow, readers, decoders, ring,");
        assertThat(refusal("kafka: {compresion: lz4}")).contains("'kafka.compresion'", "known: security-protocol,",
                "compression, linger");
        assertThat(refusal("1: x")).contains("unknown key '1'");
    }

    @Test
    void badListenersAreNamedByIndex() {
        assertThat(refusal("listen: [udp://0.0.0.0:4739, udp//x]"))
                .isEqualTo("config.yaml: listen[1]: 'udp//x' is not udp://HOST:PORT or tcp://HOST:PORT");
        assertThat(refusal("listen: [sctp://0.0.0.0:4739]")).startsWith("config.yaml: listen[0]: 'sctp://0.0.0.0:4739' is not");
        assertThat(refusal("listen: [udp://0.0.0.0]")).contains("listen[0]", "'udp://0.0.0.0' is not udp://HOST:PORT");
        assertThat(refusal("listen: [udp://0.0.0.0:65536]"))
                .isEqualTo("config.yaml: listen[0]: 'udp://0.0.0.0:65536': port 65536 is out of range (0-65535)");
        assertThat(refusal("listen: [udp://300.1.1.1:2055]")).contains("listen[0]", "'300.1.1.1' is not an IPv4 address");
        assertThat(refusal("listen: ['udp://[::g]:2055']")).contains("listen[0]", "'::g' is not an IPv6 address");
        assertThat(refusal("listen: [udp://0.0.0.0:2055, udp://0.0.0.0:2055]")).contains("listen[1]", "listed twice");
        assertThat(refusal("listen: []")).isEqualTo(
                "config.yaml: listen: no listener (give at least one udp://HOST:PORT or tcp://HOST:PORT)");
        assertThat(refusal("listen: [4739]")).contains("listen[0]: 4739 is not a string");
    }

    @Test
    void badOutputsNameTheForms() {
        assertThat(refusal("output: elasticsearch://127.0.0.1:9200")).isEqualTo("config.yaml: output: "
                + "'elasticsearch://127.0.0.1:9200' is not kafka://HOST:PORT/TOPIC, file:PATH, stdout or null");
        assertThat(refusal("output: kafka://127.0.0.1/flows")).contains("output: 'kafka://127.0.0.1/flows' is not kafka://HOST:PORT/TOPIC");
        assertThat(refusal("output: kafka://127.0.0.1:9092/bad/topic")).contains("'bad/topic' is not a Kafka topic name");
        assertThat(refusal("output: 'file:'")).contains("output: 'file:' names no file");
        assertThat(refusal("output: file://otherhost/x")).contains("only local files");
        assertThat(refusal("output: null")).isEqualTo("config.yaml: output: no value");
    }

    @Test
    void badCidrsAreNamedByIndex() {
        assertThat(refusal("allow: [10.0.0.0/8, 10.0.0/8]")).isEqualTo(
                "config.yaml: allow[1]: '10.0.0/8' is not a CIDR (IPv4 or IPv6 address, optional /LENGTH)");
        assertThat(refusal("allow: [10.0.0.0/33]"))
                .isEqualTo("config.yaml: allow[0]: '10.0.0.0/33' has a bad prefix length (0-32)");
        assertThat(refusal("allow: ['2001:db8::/129']")).contains("allow[0]", "bad prefix length (0-128)");
        assertThat(refusal("allow: ['2001:db8:::1/64']")).contains("allow[0]", "is not a CIDR");
        assertThat(refusal("allow: [10.1.0.0/8]"))
                .isEqualTo("config.yaml: allow[0]: '10.1.0.0/8' has host bits set (did you mean 10.0.0.0/8?)");
    }

    @Test
    void badNumbersNameTheRange() {
        assertThat(refusal("ring: {size: 1000}")).isEqualTo("config.yaml: ring.size: 1000 is not a power of two");
        assertThat(refusal("ring: {size: 1}")).isEqualTo("config.yaml: ring.size: 1 is out of range (2-1073741824)");
        assertThat(refusal("readers: 0")).isEqualTo("config.yaml: readers: 0 is out of range (1-1024)");
        assertThat(refusal("decoders: two")).isEqualTo("config.yaml: decoders: 'two' is not a whole number");
        assertThat(refusal("decoders: 99999999999999999999")).contains("decoders: 99999999999999999999 is out of range");
        assertThat(refusal("readers:")).isEqualTo("config.yaml: readers: no value");
        assertThat(refusal("ring: {slot-bytes: 128KiB}")).isEqualTo("config.yaml: ring.slot-bytes: '128KiB' is out of range (64-64KiB)");
    }

    @Test
    void badSizesAndDurationsNameTheUnits() {
        assertThat(refusal("udp: {receive-buffer: 16MB}")).isEqualTo(
                "config.yaml: udp.receive-buffer: '16MB' is not a size (bytes, or a number with KiB, MiB, GiB, TiB)");
        assertThat(refusal("held: {bytes-per-exporter: -1}")).isEqualTo("config.yaml: held.bytes-per-exporter: -1 is negative");
        assertThat(refusal("templates: {lifetime: 5 minutes}")).isEqualTo(
                "config.yaml: templates.lifetime: '5 minutes' is not a duration (seconds, or a number with ms, s, m, h)");
        assertThat(refusal("state: {save-every: 1500ms}"))
                .isEqualTo("config.yaml: state.save-every: '1500ms' is not a whole number of seconds");
        assertThat(refusal("templates: {lifetime: 0}")).isEqualTo("config.yaml: templates.lifetime: 0 is out of range (1s-8784h)");
        assertThat(refusal("kafka: {linger: 9999999999999999999ms}")).contains("kafka.linger", "too large");
    }

    @Test
    void otherBadValues() {
        assertThat(refusal("kafka: {compression: lz5}"))
                .isEqualTo("config.yaml: kafka.compression: 'lz5' is not one of lz4, zstd, snappy, gzip, none");
        assertThat(refusal("ring: {wait: spin}"))
                .isEqualTo("config.yaml: ring.wait: 'spin' is not one of sleeping, blocking, yielding, busy-spin");
        assertThat(refusal("ring: {wait: 1}")).isEqualTo("config.yaml: ring.wait: 1 is not a string");
        assertThat(refusal("metrics: {listen: 9464}")).isEqualTo("config.yaml: metrics.listen: 9464 is not a string");
        assertThat(refusal("metrics: {listen: localhost}"))
                .startsWith("config.yaml: metrics.listen: 'localhost' is not HOST:PORT or off");
        assertThat(refusal("metrics: localhost:70000")).contains("metrics: 'localhost:70000': port 70000 is out of range");
        assertThat(refusal("ring: 8192")).isEqualTo("config.yaml: ring: expected a mapping (keys: size, slot-bytes, wait), got 8192");
        assertThat(refusal("listen: {udp: 4739}")).isEqualTo("config.yaml: listen: expected a list, got a mapping");
        assertThat(refusal("output: kafka://127.0.0.1:9092/flows\nkafka: {batch: 2MiB, buffer: 1MiB}"))
                .isEqualTo("config.yaml: kafka.batch: 2MiB is larger than kafka.buffer (1MiB)");
    }

    @Test
    void badYamlNamesTheLine() {
        assertThat(refusal("listen: [udp://0.0.0.0:4739\nreaders: 2\n")).startsWith("config.yaml: line ").contains("not valid YAML");
        assertThat(refusal("readers: 1\nreaders: 2\n")).startsWith("config.yaml: line 2, column 1: not valid YAML")
                .contains("readers");
        assertThat(refusal("- a\n- b\n")).startsWith("config.yaml: expected a mapping of keys (listen, output,");
    }

    // ---- flags

    @Test
    void flagsReplaceWhatTheFileSays() {
        CollectorConfig file = parse("listen: [udp://0.0.0.0:4739]\nallow: [10.0.0.0/8]\n");
        CollectorConfig c = CollectorConfigLoader.withOverrides(file, new Overrides(
                List.of("udp://127.0.0.1:0", "tcp://127.0.0.1:0"), "null", "out/stats.json", "off",
                List.of("192.0.2.0/24")));

        assertThat(c.listeners()).containsExactly(URI.create("udp://127.0.0.1:0"), URI.create("tcp://127.0.0.1:0"));
        assertThat(c.output()).isEqualTo(URI.create("null"));
        assertThat(c.statsJson()).isEqualTo(Paths.get("out/stats.json").toAbsolutePath());
        assertThat(c.metricsListen()).isEqualTo("off");
        assertThat(c.allowlist()).containsExactly("192.0.2.0/24");
        assertThat(CollectorConfigLoader.withOverrides(file, Overrides.none())).isEqualTo(file);
    }

    @Test
    void badFlagsAreNamedByTheFlag() {
        CollectorConfig d = CollectorConfig.defaults();
        assertThatThrownBy(() -> CollectorConfigLoader.withOverrides(d, new Overrides(
                List.of("udp://0.0.0.0:4739", "udp//x"), null, null, null, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--listen: 'udp//x' is not udp://HOST:PORT or tcp://HOST:PORT")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("--listen");
        assertThatThrownBy(() -> CollectorConfigLoader.withOverrides(d, new Overrides(null, "kafka:9092", null, null, null)))
                .hasMessageStartingWith("--output: 'kafka:9092' is not");
        assertThatThrownBy(() -> CollectorConfigLoader.withOverrides(d, new Overrides(null, null, null, "9464", null)))
                .hasMessageStartingWith("--metrics: '9464' is not HOST:PORT or off");
        assertThatThrownBy(() -> CollectorConfigLoader.withOverrides(d, new Overrides(null, null, null, null,
                List.of("10.0.0.0/8", "fe80::1%eth0")))).hasMessageStartingWith("--allow: 'fe80::1%eth0' is not a CIDR");
    }

    // ---- printing

    @Test
    void printedConfigLoadsBackToTheSame() {
        CollectorConfig custom = parse("""
                listen: [udp://127.0.0.1:9995, "tcp://[::1]:4739"]
                output: file:/tmp/with "quotes" and \\\\ backslash.json
                allow: [10.0.0.0/8, '2001:db8::/32']
                ring: {size: 1024, slot-bytes: 1000, wait: blocking}
                kafka: {linger: 1500ms, batch: 0}
                metrics: off
                stats-json: /tmp/s.json
                file: {rotate-bytes: 1GiB, rotate-every: 90m}
                """);
        for (CollectorConfig c : List.of(CollectorConfig.defaults(), custom)) {
            String yaml = CollectorConfigLoader.toYaml(c);
            assertThat(parse(yaml)).as(yaml).isEqualTo(c);
        }
        assertThat(CollectorConfigLoader.toYaml(custom)).contains("  slot-bytes: 1000\n", "  wait: blocking\n",
                "  linger: 1500ms\n",
                "  rotate-every: 90m\n", "allow:\n  - \"10.0.0.0/8\"\n");
    }
}
