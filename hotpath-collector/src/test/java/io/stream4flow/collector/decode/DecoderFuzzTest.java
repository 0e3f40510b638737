package io.stream4flow.collector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stream4flow.collector.encode.FlowAvroEncoder;
import io.stream4flow.collector.encode.FlowJsonEncoder;
import io.stream4flow.traffic.packet.PacketWriter;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.JsonBuffer;
import io.stream4flow.schema.avro.FlowAvroJson;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests of {@link FlowDecoder#decode} and {@link FlowJsonEncoder} together. Each input is
 * decoded by a new exporter and again by one exporter per test method whose state (templates, held
 * data, sampling) persists across inputs, so templates one input defines apply to data in later
 * inputs; a finding that needs that state says so in its message.
 *
 * <p>Every input must: decode without an exception escaping; deliver no more records than its
 * bytes (and the bytes held for missing templates) can hold, and exactly as many as the decoder
 * counts; give, for every record, one JSON object that Jackson parses with nothing after it and
 * no member name twice, and one Avro record that Avro's reader reads back to the same members and
 * values ({@link FlowAvroEncoder}, {@link FlowAvroJson}); keep the held bytes within their bound; and finish within the
 * {@link Timeout} (in fuzzing mode Jazzer passes it to libFuzzer as the per-input timeout).
 *
 * <p>Two kinds of entries:
 *
 * <ul>
 *   <li>{@code *Datagrams(byte[])}: the input is one datagram as received, version forced, seeded
 *       with captured packets from the corpus (several IPFIX messages may follow each other);
 *   <li>{@code *Structured(FuzzedDataProvider)}: the input chooses messages built with a valid
 *       header, valid set framing and templates of interesting elements (times, sampling, lists,
 *       strings, enterprise and reverse elements) followed by fuzzed data, so the fuzzer reaches
 *       record decoding and encoding at once.
 * </ul>
 *
 * <p>Regression mode ({@code mvn test}) runs each method on the empty input and on the files in
 * {@code src/test/resources/io/stream4flow/collector/decode/DecoderFuzzTestInputs/<method>/};
 * fuzzing mode is {@code JAZZER_FUZZ=1} with one method per Maven run (see
 * {@code src/test/scripts/fuzz-decoders.sh}).
 */
class DecoderFuzzTest {
    /**
     * Tighter than the defaults in the state a fuzzer can pile up across millions of inputs
     * (domains, templates, held bytes), and small enough that the limits themselves get hit.
     */
    private static final DecoderLimits LIMITS = new DecoderLimits(8, 32, 512, 10 * 60_000L, 64 * 1024, 60_000L, 4);
    private static final ElementRegistry REGISTRY = ElementRegistry.bundled();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Exporter IPFIX_DATAGRAMS = new Exporter();
    private static final Exporter IPFIX_STRUCTURED = new Exporter();
    private static final Exporter V9_DATAGRAMS = new Exporter();
    private static final Exporter V9_STRUCTURED = new Exporter();
    private static final Exporter V5_DATAGRAMS = new Exporter();

    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void ipfixDatagrams(byte[] input) {
        IPFIX_DATAGRAMS.decodeInput(new byte[][] {withVersion(input, 10)}, new long[] {1_000});
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void netflowV9Datagrams(byte[] input) {
        V9_DATAGRAMS.decodeInput(new byte[][] {withVersion(input, 9)}, new long[] {1_000});
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void netflowV5Datagrams(byte[] input) {
        V5_DATAGRAMS.decodeInput(new byte[][] {withVersion(input, 5)}, new long[] {1_000});
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void ipfixStructured(FuzzedDataProvider data) {
        int n = data.consumeInt(1, 3);
        byte[][] messages = new byte[n][];
        long[] advance = new long[n];
        for (int m = 0; m < n; m++) {
            messages[m] = StructuredMessages.ipfix(data);
            advance[m] = data.consumeInt(0, 120_000);
        }
        IPFIX_STRUCTURED.decodeInput(messages, advance);
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void netflowV9Structured(FuzzedDataProvider data) {
        int n = data.consumeInt(1, 3);
        byte[][] messages = new byte[n][];
        long[] advance = new long[n];
        for (int m = 0; m < n; m++) {
            messages[m] = StructuredMessages.netflowV9(data);
            advance[m] = data.consumeInt(0, 120_000);
        }
        V9_STRUCTURED.decodeInput(messages, advance);
    }

    /** The input with its first two bytes set to the version (prepended when shorter). */
    private static byte[] withVersion(byte[] input, int version) {
        byte[] b = input.length >= 2 ? input.clone() : new byte[2];
        b[0] = (byte) (version >>> 8);
        b[1] = (byte) version;
        return b;
    }

    /**
     * The exporters of one test method: every input is decoded twice, first by a new exporter
     * (so a finding there reproduces from that input alone, in regression mode too), then by the
     * exporter kept across all inputs of the method (templates, held data and sampling from
     * earlier inputs apply; a finding only there needs the inputs before it, and says so).
     */
    private static final class Exporter {
        private final Pipeline persistent = new Pipeline();

        synchronized void decodeInput(byte[][] datagrams, long[] advanceMillis) {
            Pipeline fresh = new Pipeline();
            for (int i = 0; i < datagrams.length; i++) {
                fresh.decode(datagrams[i], advanceMillis[i]);
            }
            try {
                for (int i = 0; i < datagrams.length; i++) {
                    persistent.decode(datagrams[i], advanceMillis[i]);
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("with the state left by earlier inputs (this input alone"
                        + " decodes fine): " + e.getMessage(), e);
            }
        }
    }

    /** Decoder, encoder and one exporter's state, with the checks made on every record. */
    private static final class Pipeline {
        private final FlowDecoder decoder = new FlowDecoder(REGISTRY, LIMITS);
        private final FlowJsonEncoder encoder =
                new FlowJsonEncoder(REGISTRY, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth());
        private final JsonBuffer json = new JsonBuffer(256);
        private final FlowAvroEncoder avro =
                new FlowAvroEncoder(REGISTRY, LIMITS.maxFieldsPerTemplate(), LIMITS.maxListDepth());
        private final FlowAvroJson avroJson = new FlowAvroJson();
        private final ExporterState state = new ExporterState(new byte[] {(byte) 192, 0, 2, 7}, 4739, LIMITS);
        private long clock = 1_700_000_000_000L;
        private long delivered;
        private long bound;

        void decode(byte[] datagram, long advanceMillis) {
            clock += advanceMillis;
            long countedBefore = counted();
            delivered = 0;
            // every record takes at least one byte of this datagram or of data held earlier
            bound = datagram.length + (long) state.heldBytes();
            decoder.decode(state, datagram, 0, datagram.length, clock, this::onRecord);
            assertThat(counted() - countedBefore)
                    .as("records counted by the decoder vs delivered").isEqualTo(delivered);
            assertThat(state.heldBytes()).isBetween(0, LIMITS.heldBytesPerExporter());
        }

        private void onRecord(FlowRecord r) {
            delivered++;
            if (delivered > bound) {
                throw new AssertionError("record " + delivered + " from " + bound + " bytes: decode does not end");
            }
            json.reset();
            encoder.encode(r, json);
            JsonNode node;
            try {
                node = JSON.readTree(json.array(), 0, json.length());
            } catch (IOException e) {
                throw new AssertionError("encoder wrote invalid JSON: " + e.getMessage() + "\n" + json, e);
            }
            assertThat(node.isObject()).as("record JSON is an object: %s", json).isTrue();
            avro.encode(r);
            JsonNode fromAvro;
            try {
                fromAvro = JSON.readTree(avroJson.json(avro.array(), 0, avro.length()).toString());
            } catch (IOException e) {
                throw new AssertionError("Avro record not read back: " + e.getMessage() + "\n" + json, e);
            }
            assertThat(fromAvro).as("the Avro record's JSON vs %s", json).isEqualTo(node);
        }

        private long counted() {
            return state.counter(DecodeCounter.DATA_RECORDS) + state.counter(DecodeCounter.OPTIONS_RECORDS);
        }
    }

    /**
     * Messages with valid framing built from fuzzer choices with the shared {@link PacketWriter}.
     * Templates name elements from {@link #ELEMENTS} (or any id) with lengths from {@link #LENGTHS}
     * (or any), ids from a few values so data sets find them; data set bodies are fuzzer bytes; one
     * set length in 16 is any value.
     */
    static final class StructuredMessages {
        /** IANA ids whose decoding or encoding has its own path. */
        private static final int[] ELEMENTS = {
            1, 2, 4, 7, 8, 11, 12, 27, 28, 56, 82, 210, 276, 311, 434, // counters, addresses, padding, types
            21, 22, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 258, 322, 324, 325,
            34, 35, 48, 49, 50, 302, 304, 305, 306, 309, 310, // sampling
            291, 292, 293, // lists
            143, 144, 149, // scope-like
        };
        /** Enterprise numbers: reverse IANA, CERT (split biflow), Cisco, NetScaler, netflow pseudo-PENs. */
        private static final long[] PENS = {29305, 6871, 9, 5951, 4294967294L, 4294967295L, 12345};
        private static final int[] LENGTHS = {0, 1, 2, 3, 4, 6, 8, 16, Template.VARIABLE};

        private StructuredMessages() { }

        static byte[] ipfix(FuzzedDataProvider data) {
            PacketWriter sets = new PacketWriter();
            int n = data.consumeInt(1, 4);
            for (int s = 0; s < n && data.remainingBytes() > 0; s++) {
                PacketWriter body = new PacketWriter();
                int setId;
                switch (data.consumeInt(0, 3)) {
                    case 0, 1 -> {
                        boolean options = data.consumeBoolean();
                        setId = options ? 3 : 2;
                        int templates = data.consumeInt(1, 2);
                        for (int t = 0; t < templates; t++) {
                            int fields = data.consumeInt(options ? 1 : 0, 12);
                            body.u16(256 + data.consumeInt(0, 3)).u16(fields);
                            if (options) {
                                body.u16(data.consumeInt(1, Math.max(1, fields)));
                            }
                            for (int f = 0; f < fields; f++) {
                                ipfixField(data, body);
                            }
                        }
                    }
                    case 2 -> {
                        setId = 256 + data.consumeInt(0, 3);
                        body.bytes(data.consumeBytes(data.consumeInt(0, 600)));
                    }
                    default -> {
                        setId = data.consumeInt(0, 0xFFFF);
                        body.bytes(data.consumeBytes(data.consumeInt(0, 64)));
                    }
                }
                int setLength = data.consumeInt(0, 15) == 0 ? data.consumeInt(0, 0xFFFF) : body.length() + 4;
                sets.u16(setId).u16(setLength).bytes(body.build());
            }
            PacketWriter msg = new PacketWriter();
            msg.u16(10).u16(16 + sets.length()).u32(data.consumeLong(0, 0xFFFF_FFFFL))
                    .u32(data.consumeLong(0, 0xFFFF_FFFFL)).u32(data.consumeInt(0, 2));
            return msg.bytes(sets.build()).build();
        }

        private static void ipfixField(FuzzedDataProvider data, PacketWriter out) {
            boolean enterprise = data.consumeInt(0, 4) == 0;
            int id = data.consumeBoolean() ? data.pickValue(ELEMENTS) : data.consumeInt(0, 0x7FFF);
            out.u16(enterprise ? id | 0x8000 : id).u16(length(data));
            if (enterprise) {
                out.u32(data.pickValue(PENS));
            }
        }

        static byte[] netflowV9(FuzzedDataProvider data) {
            PacketWriter sets = new PacketWriter();
            int n = data.consumeInt(1, 4);
            int records = 0;
            for (int s = 0; s < n && data.remainingBytes() > 0; s++) {
                PacketWriter body = new PacketWriter();
                int setId;
                switch (data.consumeInt(0, 4)) {
                    case 0 -> {
                        setId = 0;
                        int templates = data.consumeInt(1, 2);
                        for (int t = 0; t < templates; t++) {
                            int fields = data.consumeInt(0, 12);
                            body.u16(256 + data.consumeInt(0, 3)).u16(fields);
                            for (int f = 0; f < fields; f++) {
                                body.u16(v9Type(data)).u16(length(data));
                            }
                            records++;
                        }
                    }
                    case 1 -> {
                        setId = 1;
                        int scopes = data.consumeInt(0, 3);
                        int options = data.consumeInt(0, 8);
                        body.u16(256 + data.consumeInt(0, 3)).u16(4 * scopes).u16(4 * options);
                        for (int f = 0; f < scopes; f++) {
                            body.u16(data.consumeInt(0, 6)).u16(length(data));
                        }
                        for (int f = 0; f < options; f++) {
                            body.u16(v9Type(data)).u16(length(data));
                        }
                        body.bytes(new byte[data.consumeInt(0, 3)]); // padding
                        records++;
                    }
                    case 2, 3 -> {
                        setId = 256 + data.consumeInt(0, 3);
                        body.bytes(data.consumeBytes(data.consumeInt(0, 600)));
                        records += 1 + body.length() / 8;
                    }
                    default -> {
                        setId = data.consumeInt(0, 0xFFFF);
                        body.bytes(data.consumeBytes(data.consumeInt(0, 64)));
                        records++;
                    }
                }
                int setLength = data.consumeInt(0, 15) == 0 ? data.consumeInt(0, 0xFFFF) : body.length() + 4;
                sets.u16(setId).u16(setLength).bytes(body.build());
            }
            int count = data.consumeBoolean() ? records : data.consumeInt(0, 0xFFFF);
            PacketWriter msg = new PacketWriter();
            msg.u16(9).u16(count).u32(data.consumeLong(0, 0xFFFF_FFFFL)).u32(data.consumeLong(0, 0xFFFF_FFFFL))
                    .u32(data.consumeLong(0, 0xFFFF_FFFFL)).u32(data.consumeInt(0, 2));
            return msg.bytes(sets.build()).build();
        }

        private static int v9Type(FuzzedDataProvider data) {
            return switch (data.consumeInt(0, 3)) {
                case 0, 1 -> data.pickValue(ELEMENTS);
                case 2 -> data.consumeInt(0, 0xFFFF);
                default -> 32768 + data.consumeInt(0, 300); // netflowExtra range
            };
        }

        private static int length(FuzzedDataProvider data) {
            return data.consumeInt(0, 7) == 0 ? data.consumeInt(0, 0xFFFF) : data.pickValue(LENGTHS);
        }
    }
}
