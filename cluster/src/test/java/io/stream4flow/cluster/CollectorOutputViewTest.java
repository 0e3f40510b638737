package io.stream4flow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stream4flow.collector.exporters.ExporterStreams;
import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.avro.FlowBlock;
import io.stream4flow.schema.net.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The collector's real output, made in the test from every case of the corpus by its decoder and JSON encoder,
 * read by the flows view: the hand-written scanner gives the same rows as {@code from_json}, and the view's
 * addresses, ports, protocol and counters are those of the reference decode (tshark) of the same captures.
 */
class CollectorOutputViewTest {
    private static final List<String> LINES = new ArrayList<>();
    private static final List<byte[]> AVRO = new ArrayList<>();
    private static final List<ObjectNode> REFERENCE = new ArrayList<>();

    @BeforeAll
    static void decodeTheCorpus() {
        for (Corpus.Case c : Corpus.cases()) {
            if (!c.malformed()) {
                LINES.addAll(Corpus.decode(c).lines());
                AVRO.addAll(Corpus.encode(c, RecordFormat.AVRO));
                REFERENCE.addAll(Corpus.expected(c));
            }
        }
    }

    @Test
    void theScannerReadsTheCollectorsOutputLikeFromJson() {
        assertThat(LINES).hasSizeGreaterThan(200);
        FlowJsonScannerTest.assertSameRows(LINES);
    }

    @Test
    void blocksOfAvroRecordsGiveTheRowsOfTheirJson() {
        assertSameViews(LINES, AVRO);
    }

    @Test
    void softflowdsOutputGivesTheSameRowsInEitherEncoding() {
        for (ExporterStreams.Variant v : ExporterStreams.Variant.values()) {
            if (!v.softflowd()) {
                continue;
            }
            List<byte[]> payloads = ExporterStreams.shared().get(v).payloads();
            byte[] exporter = {127, 0, 0, 1};
            List<String> lines = new ArrayList<>();
            for (byte[] j : Corpus.encodePayloads(payloads, exporter, 4739, 0L, RecordFormat.JSON)) {
                lines.add(new String(j, StandardCharsets.UTF_8));
            }
            assertThat(lines).as(v.toString()).hasSizeGreaterThan(100);
            assertSameViews(lines, Corpus.encodePayloads(payloads, exporter, 4739, 0L, RecordFormat.AVRO));
        }
    }

    /**
     * The Avro view of {@code records} in blocks of 1, 7 and 50 (and one JSON message where Avro is expected) has the
     * rows of the JSON view of {@code lines} (and one bad line), in both shapes of the view.
     */
    private static void assertSameViews(List<String> lines, List<byte[]> records) {
        assertThat(records).hasSameSizeAs(lines);
        List<String> json = new ArrayList<>(lines);
        json.add("not json");
        List<byte[]> avro = new ArrayList<>();
        int[] sizes = {1, 7, 50};                                    // messages of one record and of blocks
        for (int i = 0, k = 0; i < records.size(); k++) {
            int n = Math.min(sizes[k % sizes.length], records.size() - i);
            avro.add(FlowBlock.of(records.subList(i, i + n)));
            i += n;
        }
        avro.add("{\"x\":1}".getBytes(StandardCharsets.UTF_8));     // flow JSON where Avro is expected
        Dataset<Row> avroValues = TestSpark.session().createDataset(avro, Encoders.BINARY()).toDF("value");
        for (FlowsView.Fields fields : FlowsView.Fields.values()) {
            List<Row> fromJson = FlowsView.fromJson(TestSpark.jsonLines(json.toArray(String[]::new)), fields)
                    .collectAsList();
            Dataset<Row> view = FlowsView.of(avroValues, RecordFormat.AVRO, fields);
            assertThat(view.schema().fieldNames()).containsExactly(FlowsView.fromJson(
                    TestSpark.jsonLines(json.get(0)), fields).schema().fieldNames());
            List<Row> fromAvro = view.collectAsList();
            assertThat(fromAvro).hasSameSizeAs(fromJson);
            for (int i = 0; i < fromJson.size(); i++) {
                assertThat(fromAvro.get(i)).as("%s, record %d: %s", fields, i, json.get(i)).isEqualTo(fromJson.get(i));
            }
        }
    }

    @Test
    void theViewHoldsTheFlowsOfTheReferenceDecode() {
        Map<String, Integer> rows = new HashMap<>();
        for (Row r : FlowsView.scan(TestSpark.jsonLines(LINES.toArray(String[]::new)))
                .selectExpr("src_ip", "dst_ip", "src_port", "dst_port", "protocol",
                        "packets div greatest(sampling, 1) AS packets", "bytes div greatest(sampling, 1) AS bytes").collectAsList()) {
            rows.merge(key(address(r.getString(0)), address(r.getString(1)), r.get(2), r.get(3), r.get(4),
                    r.get(5), r.get(6)), 1, Integer::sum);
        }
        int compared = 0;
        List<String> missing = new ArrayList<>();
        for (ObjectNode ref : REFERENCE) {
            String src = text(ref, "sourceIPv4Address", "sourceIPv6Address");
            String dst = text(ref, "destinationIPv4Address", "destinationIPv6Address");
            if (src == null || dst == null || ref.has("@options")) {
                continue;
            }
            String k = key(address(src), address(dst), integer(ref, "sourceTransportPort"),
                    integer(ref, "destinationTransportPort"), integer(ref, "protocolIdentifier"),
                    counter(ref, "packetDeltaCount", "packetTotalCount"), counter(ref, "octetDeltaCount", "octetTotalCount"));
            compared++;
            if (rows.merge(k, -1, Integer::sum) < 0) {
                missing.add(ref.get("@case").asText() + ": " + k);
            }
        }
        assertThat(compared).as("reference flows with both addresses").isGreaterThan(150);
        assertThat(missing).as("reference flows without their row in the view").isEmpty();
    }

    private static String key(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            b.append(p == null ? "-" : p.toString()).append(' ');
        }
        return b.toString().strip();
    }

    /** One text form for both sides (the reference writes IPv6 as tshark does). */
    private static String address(String literal) {
        byte[] bytes = literal == null ? null : IpLiterals.parse(literal);
        if (bytes == null) {
            return literal;
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode n, String... keys) {
        for (String k : keys) {
            if (n.has(k)) {
                return n.get(k).asText();
            }
        }
        return null;
    }

    private static Object integer(JsonNode n, String key) {
        return n.has(key) ? (Object) n.get(key).asInt() : null;
    }

    private static long counter(JsonNode n, String... keys) {
        for (String k : keys) {
            if (n.has(k)) {
                return n.get(k).asLong();
            }
        }
        return 0;
    }
}
