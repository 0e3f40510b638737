package io.stream4flow.cli.flows;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.collector.encode.FlowJsonEncoder;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.avro.FlowBlock;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoMessages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code s4fctl flows} against the shared test broker of local-stack, over a topic of two partitions that holds
 * flows as the collector writes them: partition 0 flow JSON (one flow a message), partition 1 a block of Avro
 * flow records, both encoded from one decoded IPFIX message; plus an IPv6 flow with sampling in JSON, and a flow
 * whose record timestamp is two hours old.
 */
@KafkaIntegrationTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FlowsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2026-01-02T03:04:05.678Z: the flows' start. */
    private static final long T0 = Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli();

    private static String topic;
    private static String bootstrap;

    private static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    /** SSH, in JSON; DNS, in Avro; HTTPS with 2.5 million packets, in Avro; an old SSH flow, in JSON. */
    private static final DemoFlow SSH = new DemoFlow(ip(10, 0, 0, 1), ip(10, 0, 0, 2), 40000, 22, DemoFlow.TCP,
            DemoFlow.SYN | DemoFlow.ACK, 10, 1500, T0, T0 + 1500);
    private static final DemoFlow DNS = new DemoFlow(ip(192, 168, 1, 5), ip(8, 8, 8, 8), 5353, 53, DemoFlow.UDP, 0,
            1, 80, T0 + 10, T0 + 10);
    private static final DemoFlow BULK = new DemoFlow(ip(10, 0, 0, 3), ip(203, 0, 113, 9), 1234, 443, DemoFlow.TCP,
            DemoFlow.ACK | DemoFlow.PSH, 2_500_000, 3_000_000_000L, T0 + 20, T0 + 60_020);
    private static final DemoFlow OLD = new DemoFlow(ip(10, 9, 9, 9), ip(10, 0, 0, 2), 50000, 22, DemoFlow.TCP,
            DemoFlow.SYN, 1, 60, T0 - 7_200_000, T0 - 7_200_000);
    /** As the collector writes an IPFIX flow of IPv6 addresses with a sampling interval of 10. */
    private static final String IPV6_JSON = "{\"@type\":\"ipfix.entry\",\"ipfix:version\":10,"
            + "\"ipfix:exporterAddress\":\"10.0.0.9\",\"ipfix:exporterPort\":4739,\"ipfix:odid\":1,"
            + "\"ipfix:templateId\":300,\"ipfix:exportTime\":" + (T0 / 1000 * 1000) + ",\"ipfix:seqNumber\":7,"
            + "\"iana:sourceIPv6Address\":\"2001:db8::1\",\"iana:destinationIPv6Address\":\"2001:db8::2\","
            + "\"iana:sourceTransportPort\":5000,\"iana:destinationTransportPort\":80,\"iana:protocolIdentifier\":6,"
            + "\"iana:packetDeltaCount\":3,\"iana:octetDeltaCount\":300,\"iana:samplingPacketInterval\":10,"
            + "\"iana:flowStartMilliseconds\":" + (T0 + 30) + ",\"iana:flowEndMilliseconds\":" + (T0 + 30) + "}";

    @BeforeAll
    static void flowsTopic() throws Exception {
        KafkaBroker kafka = KafkaExtension.broker();
        bootstrap = kafka.bootstrapServers();
        topic = KafkaExtension.createTopic("flows", 2);
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            send(p, 0, now - 7_200_000, json(List.of(OLD)).get(0));
            for (byte[] v : json(List.of(SSH))) {
                send(p, 0, now, v);
            }
            send(p, 0, now, IPV6_JSON.getBytes(StandardCharsets.UTF_8));
            send(p, 1, now, FlowBlock.of(avro(List.of(DNS, BULK))));
            send(p, 1, now, "not a flow".getBytes(StandardCharsets.UTF_8));
        }
    }

    // the encodings, as the collector makes them: one IPFIX message decoded, each record encoded

    private static List<byte[]> json(List<DemoFlow> flows) {
        return encoded(flows, RecordFormat.JSON);
    }

    private static List<byte[]> avro(List<DemoFlow> flows) {
        return encoded(flows, RecordFormat.AVRO);
    }

    private static List<byte[]> encoded(List<DemoFlow> flows, RecordFormat format) {
        DecoderLimits limits = DecoderLimits.DEFAULTS;
        ElementRegistry registry = ElementRegistry.bundled();
        RecordEncoder encoder = format == RecordFormat.JSON
                ? new FlowJsonEncoder(registry, limits.maxFieldsPerTemplate(), limits.maxListDepth())
                : RecordEncoder.create(format, registry, limits.maxFieldsPerTemplate(), limits.maxListDepth());
        FlowDecoder decoder = new FlowDecoder(registry, limits);
        ExporterState st = new ExporterState(new byte[] {10, 0, 0, 9}, 4739, limits);
        ByteBuffer m = new DemoMessages(1).message(flows, 0, T0 + 60_000);
        byte[] b = new byte[m.remaining()];
        m.get(b);
        List<byte[]> out = new ArrayList<>();
        decoder.decode(st, b, 0, b.length, T0 + 60_000, r -> {
            encoder.encode(r);
            out.add(Arrays.copyOf(encoder.array(), encoder.length()));
        });
        assertThat(out).hasSameSizeAs(flows);
        return out;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> p, int partition, long timestamp, byte[] value)
            throws Exception {
        p.send(new ProducerRecord<>(topic, partition, timestamp, null, value)).get(10, TimeUnit.SECONDS);
    }

    private static CliRun flows(String... args) {
        List<String> all = new ArrayList<>(List.of("flows", "--bootstrap", bootstrap, "--topic", topic, "--utc"));
        all.addAll(List.of(args));
        return s4fctl(all.toArray(String[]::new));
    }

    /** The source addresses of the flows printed as JSON lines. */
    private static List<String> sources(CliRun r) throws IOException {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        List<String> src = new ArrayList<>();
        for (String line : r.lines()) {
            src.add(JSON.readTree(line).get("src_ip").asText());
        }
        return src;
    }

    @Test
    void theFilterSelectsFlowsOfBothEncodings() throws IOException {
        assertThat(sources(flows("--from-beginning", "--output", "json", "--filter", "dst port 22")))
                .containsExactlyInAnyOrder("10.0.0.1", "10.9.9.9");
        assertThat(sources(flows("--from-beginning", "--output", "json", "--filter", "proto udp")))
                .containsExactly("192.168.1.5");
        assertThat(sources(flows("--from-beginning", "--output", "json", "--filter", "inet6")))
                .containsExactly("2001:db8::1");
        assertThat(sources(flows("--from-beginning", "--output", "json", "--filter",
                "src net 10.0.0.0/8 and not port 22"))).containsExactly("10.0.0.3");
        assertThat(sources(flows("--from-beginning", "--output", "json", "--filter", "bytes > 1g")))
                .containsExactly("10.0.0.3");
        assertThat(sources(flows("--from-beginning", "--output", "json", "--filter", "flags S and not flags A")))
                .containsExactly("10.9.9.9");
        assertThat(sources(flows("--from-beginning", "--output", "json", "--filter", "packets 30")))
                .as("the IPv6 flow's 3 packets, sampled 1 in 10").containsExactly("2001:db8::1");
        assertThat(sources(flows("--from-beginning", "--output", "json", "--filter", "host 8.8.8.8 and proto tcp")))
                .isEmpty();
    }

    @Test
    void jsonLinesHoldTheViewColumnsOfEitherEncoding() throws IOException {
        CliRun r = flows("--from-beginning", "--output", "json", "--filter", "port 22 or port 53");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode ssh = null;
        JsonNode dns = null;
        for (String line : r.lines()) {
            JsonNode n = JSON.readTree(line);
            if (n.get("src_ip").asText().equals("10.0.0.1")) {
                ssh = n;
            } else if (n.get("src_ip").asText().equals("192.168.1.5")) {
                dns = n;
            }
        }
        assertThat(ssh).as(r.out()).isNotNull();
        assertThat(dns).as("from the Avro block: " + r.out()).isNotNull();
        assertThat(ssh.get("dst_ip").asText()).isEqualTo("10.0.0.2");
        assertThat(ssh.get("src_port").asInt()).isEqualTo(40000);
        assertThat(ssh.get("protocol").asInt()).isEqualTo(6);
        assertThat(ssh.get("tcp_flags").asInt()).isEqualTo(0x12);
        assertThat(ssh.get("packets").asLong()).isEqualTo(10);
        assertThat(ssh.get("bytes").asLong()).isEqualTo(1500);
        assertThat(ssh.get("flow_start").asLong()).isEqualTo(T0);
        assertThat(ssh.get("flow_end").asLong()).isEqualTo(T0 + 1500);
        assertThat(ssh.get("ip_version").asInt()).isEqualTo(4);
        assertThat(ssh.get("exporter").asText()).isEqualTo("10.0.0.9");
        assertThat(dns.get("dst_ip").asText()).isEqualTo("8.8.8.8");
        assertThat(dns.get("dst_port").asInt()).isEqualTo(53);
        assertThat(dns.get("protocol").asInt()).isEqualTo(17);
        assertThat(dns.get("bytes").asLong()).isEqualTo(80);
        assertThat(dns.get("flow_start").asLong()).isEqualTo(T0 + 10);
        assertThat(dns.get("exporter").asText()).isEqualTo("10.0.0.9");
    }

    @Test
    void theTableIsNfdumpsLineFormat() {
        CliRun r = flows("--from-beginning");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.lines().get(0)).isEqualTo(
                "Date first seen          Duration Proto       Src IP Addr:Port -> Dst IP Addr:Port        Packets"
                        + "    Bytes Flows");
        assertThat(r.lines().subList(1, r.lines().size())).containsExactlyInAnyOrder(
                "2026-01-02 01:04:05.678     0.000 TCP           10.9.9.9:50000 -> 10.0.0.2:22                   1"
                        + "       60     1",
                "2026-01-02 03:04:05.678     1.500 TCP           10.0.0.1:40000 -> 10.0.0.2:22                  10"
                        + "     1500     1",
                "2026-01-02 03:04:05.708     0.000 TCP         2001:db8::1.5000 -> 2001:db8::2.80               30"
                        + "     3000     1",
                "2026-01-02 03:04:05.688     0.000 UDP         192.168.1.5:5353 -> 8.8.8.8:53                    1"
                        + "       80     1",
                "2026-01-02 03:04:05.698    60.000 TCP            10.0.0.3:1234 -> 203.0.113.9:443           2.5 M"
                        + "    3.0 G     1");
        assertThat(r.err()).as("nothing on stderr when it is not a terminal").isEmpty();
    }

    @Test
    void csvHasAHeaderAndOneRowPerFlow() {
        CliRun r = flows("--from-beginning", "--output", "csv", "--filter", "proto udp");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.lines()).containsExactly(
                "flow_start,flow_end,protocol,src_ip,src_port,dst_ip,dst_port,tcp_flags,packets,bytes,sampling,exporter",
                "2026-01-02T03:04:05.688Z,2026-01-02T03:04:05.688Z,17,192.168.1.5,5353,8.8.8.8,53,0,1,80,1,10.0.0.9");
    }

    @Test
    void sinceStartsAtTheRecordTimestampsOfEveryPartition() throws IOException {
        assertThat(sources(flows("--output", "json"))).as("default: the last 10 minutes")
                .containsExactlyInAnyOrder("10.0.0.1", "2001:db8::1", "192.168.1.5", "10.0.0.3");
        assertThat(sources(flows("--output", "json", "--since", "1h")))
                .containsExactlyInAnyOrder("10.0.0.1", "2001:db8::1", "192.168.1.5", "10.0.0.3");
        assertThat(sources(flows("--output", "json", "--since", "3h")))
                .containsExactlyInAnyOrder("10.9.9.9", "10.0.0.1", "2001:db8::1", "192.168.1.5", "10.0.0.3");
        assertThat(sources(flows("--output", "json", "--from-beginning"))).hasSize(5);
    }

    @Test
    void limitStopsAfterNMatchingFlows() throws IOException {
        assertThat(sources(flows("--from-beginning", "--output", "json", "--limit", "2"))).hasSize(2);
        assertThat(sources(flows("--from-beginning", "--output", "json", "--limit", "1", "--filter", "proto udp")))
                .containsExactly("192.168.1.5");
        CliRun table = flows("--from-beginning", "--limit", "3");
        assertThat(table.lines()).as("the header and three flows").hasSize(4);
    }

    @Test
    void followPrintsFlowsWrittenAfterTheStart() throws Exception {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> flows("--since", "0s", "--follow",
                "--limit", "1", "--output", "json", "--filter", "src port 9999"));
        Thread.sleep(2_000); // the reader has taken its start offsets
        assertThat(run).isNotDone();
        String late = IPV6_JSON.replace("\"iana:sourceTransportPort\":5000", "\"iana:sourceTransportPort\":9999");
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            send(p, 0, System.currentTimeMillis(), late.getBytes(StandardCharsets.UTF_8));
        }
        CliRun r = run.get(30, TimeUnit.SECONDS);
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.lines()).hasSize(1);
        assertThat(JSON.readTree(r.lines().get(0)).get("src_port").asInt()).isEqualTo(9999);
    }

    @Test
    void aBadFilterIsAUsageErrorNamingTheColumn() {
        CliRun r = flows("--filter", "proto tcp and ip x");

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines().get(0)).isEqualTo("s4fctl: --filter: column 18: expected an address after 'ip'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(flows("--since", "10 minutes").code()).isEqualTo(ExitCode.USAGE);
        assertThat(flows("--since", "1h", "--from-beginning").code()).isEqualTo(ExitCode.USAGE);
        assertThat(flows("--output", "xml").code()).isEqualTo(ExitCode.USAGE);
        assertThat(flows("--limit", "-1").code()).isEqualTo(ExitCode.USAGE);
        CliRun noTopic = s4fctl("flows", "--bootstrap", bootstrap, "--topic", "no-such-flows");
        assertThat(noTopic.code()).isEqualTo(ExitCode.USAGE);
        assertThat(noTopic.err()).startsWith("s4fctl: no topic 'no-such-flows'");
    }

    @Test
    void noBrokerIsExitThreeInOneLineQuickly() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t = System.nanoTime();
        CliRun r = s4fctl("flows", "--bootstrap", "127.0.0.1:" + port);

        assertThat(r.code()).isEqualTo(ExitCode.FAILURE);
        assertThat(r.errLines()).containsExactly("s4fctl: no Kafka broker at 127.0.0.1:" + port
                + " (is `s4fctl kafka run` running?)");
        assertThat(r.out()).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t)).isLessThan(5_000);
    }
}
