package io.stream4flow.collector.encode;

import io.stream4flow.schema.RecordFormat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoScenario;
import io.stream4flow.traffic.demo.DemoMessages;
import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.traffic.testing.CorpusFiles;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.avro.FlowAvroJson;
import io.stream4flow.schema.avro.FlowAvroSchema;
import io.stream4flow.schema.avro.FlowColumn;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record of the corpus (the cases {@code CorpusDecodeTest} decodes) encoded by both encoders:
 * the Avro bytes, read back with Avro's own {@code GenericDatumReader}, give the same JSON members and
 * values as the JSON encoder wrote, and the typed columns hold what the JSON's column members hold.
 */
class FlowAvroEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ElementRegistry REGISTRY = ElementRegistry.bundled();
    private static final DecoderLimits LIMITS = DecoderLimits.DEFAULTS;
    private static final byte[] V4_EXPORTER = {10, 1, 1, 1};
    private static final byte[] V6_EXPORTER = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
    private static long records;
    private static long jsonBytes;
    private static long avroBytes;

    record Encoded(String json, byte[] avro) { }

    static Stream<Corpus.Case> cases() {
        return Corpus.cases().stream().filter(c -> !c.malformed());
    }

    static List<Encoded> encodeBoth(Corpus.Case c, byte[] exporter) {
        FlowJsonEncoder json = new FlowJsonEncoder(REGISTRY, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth());
        RecordEncoder avro = RecordEncoder.create(RecordFormat.AVRO, REGISTRY, LIMITS.maxFieldsPerTemplate(),
                LIMITS.maxListDepth());
        FlowDecoder decoder = new FlowDecoder(REGISTRY, LIMITS);
        ExporterState st = new ExporterState(exporter, 2055, LIMITS);
        List<Encoded> out = new ArrayList<>();
        for (String f : c.files()) {
            byte[] b = CorpusFiles.bytes(f);
            decoder.decode(st, b, 0, b.length, 0L, r -> {
                json.encode(r);
                avro.encode(r);
                out.add(new Encoded(new String(json.array(), 0, json.length(), StandardCharsets.UTF_8),
                        Arrays.copyOf(avro.array(), avro.length())));
            });
        }
        decoder.expireAllHeld(st);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void avroReadByTheAvroLibraryGivesTheSameJsonAsTheJsonEncoder(Corpus.Case c) throws IOException {
        List<Encoded> encoded = encodeBoth(c, c.name().hashCode() % 2 == 0 ? V4_EXPORTER : V6_EXPORTER);
        FlowAvroJson reader = new FlowAvroJson();
        for (Encoded e : encoded) {
            GenericRecord r = reader.read(e.avro(), 0, e.avro().length);
            JsonNode want = JSON.readTree(e.json());
            JsonNode got = JSON.readTree(reader.json(r).toString());
            assertThat(got).as(e.json()).isEqualTo(want);
            checkColumns(want, r, e.json());
            records++;
            jsonBytes += e.json().getBytes(StandardCharsets.UTF_8).length;
            avroBytes += e.avro().length;
        }
    }

    /**
     * The built-in demo traffic (IPFIX with the elements softflowd sends: addresses, ports, protocol,
     * flags, counters, start and end; on DNS, HTTP and TLS flows Flowmon's query name, type and flags, HTTP host and
     * cipher suites): every element is a column, so the Avro record is small.
     */
    @Test
    void softflowdLikeRecordsAreAFractionOfTheirJson() throws IOException {
        long start = 1_700_000_000_000L;
        List<DemoFlow> flows = new ArrayList<>();
        new DemoScenario(DemoFlow.ipv4(192, 168, 7, 0), start, true, 3).flows(start, start + 60_000, 200, flows);
        DemoMessages writer = new DemoMessages(5);
        FlowJsonEncoder json = new FlowJsonEncoder(REGISTRY, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth());
        FlowAvroEncoder avro = new FlowAvroEncoder(REGISTRY, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth());
        FlowDecoder decoder = new FlowDecoder(REGISTRY, LIMITS);
        ExporterState st = new ExporterState(V4_EXPORTER, 4739, LIMITS);
        FlowAvroJson reader = new FlowAvroJson();
        long[] sizes = new long[3];
        List<String> problems = new ArrayList<>();
        for (int from = 0; from < flows.size(); from += DemoMessages.MAX_RECORDS) {
            ByteBuffer m = writer.message(flows, from, start + 60_000 + from);
            byte[] b = new byte[m.remaining()];
            m.get(b);
            decoder.decode(st, b, 0, b.length, start, r -> {
                json.encode(r);
                avro.encode(r);
                sizes[0]++;
                sizes[1] += json.length();
                sizes[2] += avro.length();
                try {
                    GenericRecord g = reader.read(avro.array(), 0, avro.length());
                    if (!FlowAvroSchema.fields(g).isEmpty()) {
                        problems.add("not in columns: " + FlowAvroSchema.fields(g).keySet());
                    }
                    if (!JSON.readTree(reader.json(g).toString())
                            .equals(JSON.readTree(new String(json.array(), 0, json.length(), StandardCharsets.UTF_8)))) {
                        problems.add("differs: " + reader.json(g));
                    }
                } catch (IOException e) {
                    problems.add(e.toString());
                }
            });
        }
        System.out.printf("demo (softflowd-like IPFIX) records: %d, average bytes per record: JSON %.1f, Avro %.1f%n",
                sizes[0], (double) sizes[1] / sizes[0], (double) sizes[2] / sizes[0]);
        assertThat(problems).isEmpty();
        assertThat(sizes[0]).isEqualTo(flows.size());
        assertThat(sizes[2] * 5).as("Avro bytes x 5 vs JSON bytes").isLessThan(sizes[1]);
    }

    @Test
    void theCorpusGivesEnoughRecordsToCompare() {
        assertThat(cases().mapToInt(c -> encodeBoth(c, V4_EXPORTER).size()).sum()).isGreaterThan(500);
    }

    /** Each column holds the first of its sources that the JSON has with a value of the column's kind. */
    private static void checkColumns(JsonNode json, GenericRecord r, String what) {
        var fields = FlowAvroSchema.fields(r);
        long sources = (Long) r.get(FlowAvroSchema.SOURCES_POSITION);
        for (FlowColumn c : FlowColumn.values()) {
            if (c.header()) {
                assertThat(r.get(c.ordinal())).as(c + " of " + what).isNotNull();
                continue;
            }
            int want = -1;
            for (int i = 0; i < c.sources().size() && want < 0; i++) {
                JsonNode v = json.get(c.sources().get(i));
                if (v != null && fitsKind(c, v)) {
                    want = i;
                }
            }
            Object v = r.get(c.ordinal());
            if (want < 0) {
                assertThat(v).as(c + " of " + what).isNull();
                continue;
            }
            String key = c.sources().get(want);
            assertThat(v).as(c + " of " + what).isNotNull();
            assertThat((sources >>> c.sourceShift()) & 3).as(c + " source of " + what).isEqualTo(want);
            assertThat(fields.keySet().stream().map(CharSequence::toString)).as(what).doesNotContain(key);
            JsonNode j = json.get(key);
            switch (c.kind()) {
                case ADDRESS -> assertThat(((ByteBuffer) v).remaining()).isEqualTo(j.asText().contains(":") ? 16 : 4);
                case STRING -> assertThat(v.toString()).isEqualTo(j.asText());
                default -> assertThat(((Number) v).longValue()).as(c + " of " + what).isEqualTo(j.asLong());
            }
        }
    }

    private static boolean fitsKind(FlowColumn c, JsonNode v) {
        return switch (c.kind()) {
            case ADDRESS -> v.isTextual() && !v.asText().startsWith("0x");
            case STRING -> v.isTextual() && v.asText().chars().noneMatch(ch -> ch < 0x20 || ch == '"' || ch == '\\');
            case INT -> v.isIntegralNumber() && v.canConvertToInt();
            case LONG, TIMESTAMP -> v.isIntegralNumber() && v.canConvertToLong();
        };
    }

    @Test
    void encodingAllocatesNothingPerRecordWhereTheJsonEncoderAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FlowJsonEncoder json = new FlowJsonEncoder(REGISTRY, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth());
        FlowAvroEncoder avro = new FlowAvroEncoder(REGISTRY, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth());
        long[] checked = new long[1];
        long[] worst = new long[1];
        for (Corpus.Case c : cases().toList()) {
            FlowDecoder decoder = new FlowDecoder(REGISTRY, LIMITS);
            ExporterState st = new ExporterState(V4_EXPORTER, 2055, LIMITS);
            for (String f : c.files()) {
                byte[] b = CorpusFiles.bytes(f);
                decoder.decode(st, b, 0, b.length, 0L, r -> {
                    for (int i = 0; i < 200; i++) { // warm up: buffers grown, templates cached
                        json.encode(r);
                        avro.encode(r);
                    }
                    long t = Thread.currentThread().getId();
                    long a0 = threads.getThreadAllocatedBytes(t);
                    for (int i = 0; i < 1000; i++) {
                        json.encode(r);
                    }
                    long a1 = threads.getThreadAllocatedBytes(t);
                    for (int i = 0; i < 1000; i++) {
                        avro.encode(r);
                    }
                    long a2 = threads.getThreadAllocatedBytes(t);
                    if (a1 - a0 < 1000) {
                        checked[0]++;
                        worst[0] = Math.max(worst[0], a2 - a1);
                    }
                });
            }
        }
        assertThat(checked[0]).as("records the JSON encoder encodes without allocating").isGreaterThan(100);
        assertThat(worst[0]).as("bytes allocated by 1000 Avro encodings of one record").isLessThan(1000);
    }

    @Test
    void varintsAreThoseOfAvrosEncoder() throws IOException {
        long[] values = {0, 1, -1, 63, -64, 64, 127, 128, -129, Integer.MAX_VALUE, Integer.MIN_VALUE,
            1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : values) {
            AvroBuffer ours = new AvroBuffer(16);
            ours.writeLong(v);
            var bytes = new java.io.ByteArrayOutputStream();
            BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(bytes, null);
            e.writeLong(v);
            e.flush();
            assertThat(Arrays.copyOf(ours.array(), ours.length())).as("long " + v).isEqualTo(bytes.toByteArray());
            if (v == (int) v) {
                bytes.reset();
                e.writeInt((int) v);
                e.flush();
                assertThat(Arrays.copyOf(ours.array(), ours.length())).as("int " + v).isEqualTo(bytes.toByteArray());
            }
        }
    }

    @AfterAll
    static void printSizes() {
        if (records > 0) {
            System.out.printf("corpus records: %d, average bytes per record: JSON %.1f, Avro %.1f (%.0f %%)%n",
                    records, (double) jsonBytes / records, (double) avroBytes / records, 100.0 * avroBytes / jsonBytes);
        }
    }
}
