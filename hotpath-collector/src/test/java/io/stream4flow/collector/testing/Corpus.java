package io.stream4flow.collector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.collector.offline.DecodeSummary;
import io.stream4flow.collector.offline.OfflineDecoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.traffic.testing.CorpusFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cases of the shared corpus of real exporter payloads ({@link CorpusFiles}) and what the collector
 * makes of them.
 */
public final class Corpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The exporter address every case is decoded as. */
    private static final byte[] EXPORTER = {10, 1, 1, 1};

    private Corpus() { }

    /** What the collector made of one case: its JSON lines (the flow records as they go to Kafka) and counters. */
    public record Decoded(List<String> lines, DecodeSummary summary) { }

    /** One case of {@code cases.tsv}: files in the order the exporter sent them. */
    public record Case(String name, List<String> files, String note) {
        public boolean malformed() {
            return note.startsWith("malformed");
        }
    }

    public static List<Case> cases() {
        try {
            List<Case> out = new ArrayList<>();
            for (String line : Files.readAllLines(CorpusFiles.dir().resolve("cases.tsv"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                out.add(new Case(cols[0], List.of(cols[1].trim().split(" +")), cols.length > 2 ? cols[2] : ""));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes one case's files in order through one exporter's state, as the collector does. */
    public static Decoded decode(Case c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OfflineDecoder dec = new OfflineDecoder(ElementRegistry.bundled(), DecoderLimits.DEFAULTS, out);
        for (String f : c.files()) {
            byte[] b = CorpusFiles.bytes(f);
            dec.payload(EXPORTER, 2055, b, 0, b.length, 0L);
        }
        dec.finish();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
        return new Decoded(lines, dec.summary());
    }

    /**
     * The records of one case as the collector's encoder of {@code format} makes them: one flow JSON object or one
     * Avro flow record (binary, as a Kafka message) per record, in order.
     */
    public static List<byte[]> encode(Case c, RecordFormat format) {
        return encode(c.files(), EXPORTER, 2055, 0L, format);
    }

    /** {@link #encode(Case, RecordFormat)} of corpus files sent by one exporter, decoded at {@code clockMillis}. */
    public static List<byte[]> encode(List<String> files, byte[] exporterAddress, int port, long clockMillis,
            RecordFormat format) {
        return encodePayloads(files.stream().map(CorpusFiles::bytes).toList(), exporterAddress, port, clockMillis,
                format);
    }

    /** The records of datagrams sent by one exporter, encoded by the collector's encoder of {@code format}. */
    public static List<byte[]> encodePayloads(List<byte[]> payloads, byte[] exporterAddress, int port,
            long clockMillis, RecordFormat format) {
        DecoderLimits limits = DecoderLimits.DEFAULTS;
        FlowDecoder decoder = new FlowDecoder(ElementRegistry.bundled(), limits);
        RecordEncoder encoder = RecordEncoder.create(format, ElementRegistry.bundled(), limits.maxFieldsPerTemplate(),
                limits.maxListDepth());
        ExporterState exporter = new ExporterState(exporterAddress, port, limits);
        List<byte[]> out = new ArrayList<>();
        for (byte[] b : payloads) {
            exporter.received(b.length, port);
            decoder.decode(exporter, b, 0, b.length, clockMillis, r -> {
                encoder.encode(r);
                out.add(Arrays.copyOf(encoder.array(), encoder.length()));
            });
        }
        return out;
    }

    /**
     * The reference decode of a case (tshark; {@code expected/<case>.jsonl} plus the records its notes file lists,
     * see {@code expected/README.md}); nothing for a malformed case.
     */
    public static List<ObjectNode> expected(Case c) {
        Path expected = CorpusFiles.dir().resolve("expected");
        List<ObjectNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(expected.resolve(c.name() + ".jsonl"))) {
                if (!line.isBlank()) {
                    out.add((ObjectNode) JSON.readTree(line));
                }
            }
            Path notes = expected.resolve(c.name() + ".tshark-notes.txt");
            if (!c.malformed() && Files.exists(notes)) {
                for (String line : Files.readAllLines(notes)) {
                    if (line.startsWith("{")) {
                        out.add((ObjectNode) JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
