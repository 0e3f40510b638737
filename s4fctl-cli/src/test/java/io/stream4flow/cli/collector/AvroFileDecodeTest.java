package io.stream4flow.cli.collector;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.collector.offline.OfflineDecoder;
import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.avro.FlowAvroSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code s4fctl collector decode} on an Avro container file prints the JSON lines the raw files give. */
class AvroFileDecodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("netflow9_test_cisco_asa_1_tpl.dat",
            "netflow9_test_cisco_asa_1_data.dat", "ipfix_test_mikrotik_tpl.dat", "ipfix_test_mikrotik_data258.dat",
            "netflow5_test_juniper_mx80.dat");

    /** The Avro container the collector's file output would write for the raw files, as one exporter. */
    static void writeAvro(Path avro) throws IOException {
        DecoderLimits limits = DecoderLimits.DEFAULTS;
        ElementRegistry registry = ElementRegistry.bundled();
        RecordEncoder enc = RecordEncoder.create(RecordFormat.AVRO, registry, limits.maxFieldsPerTemplate(),
                limits.maxListDepth());
        FlowDecoder decoder = new FlowDecoder(registry, limits);
        ExporterState st = new ExporterState(OfflineDecoder.RAW_EXPORTER, 0, limits);
        try (DataFileWriter<Object> w = new DataFileWriter<>(new GenericDatumWriter<>(FlowAvroSchema.schema()))) {
            w.create(FlowAvroSchema.schema(), avro.toFile());
            for (String f : FILES) {
                byte[] b = Corpus.bytes(f);
                decoder.decode(st, b, 0, b.length, FileDecoder.RAW_CLOCK_MILLIS, r -> {
                    enc.encode(r);
                    try {
                        w.appendEncoded(ByteBuffer.wrap(enc.array(), 0, enc.length()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
    }

    static List<JsonNode> parsed(List<String> lines) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void anAvroFilePrintsTheRecordsOfTheRawFilesItCameFrom(@TempDir Path dir) throws IOException {
        Path avro = dir.resolve("flows.avro");
        writeAvro(avro);
        List<String> args = new ArrayList<>(List.of("collector", "decode"));
        FILES.forEach(f -> args.add(Corpus.file(f).toString()));
        CliRun raw = s4fctl(args.toArray(String[]::new));
        assertThat(raw.code()).as(raw.err()).isEqualTo(ExitCode.OK);

        CliRun r = s4fctl("collector", "decode", avro.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(raw.lines()).hasSizeGreaterThan(30);
        assertThat(parsed(r.lines())).isEqualTo(parsed(raw.lines()));
        assertThat(r.err()).contains(avro + ": " + raw.lines().size() + " records from an Avro container file");
    }
}
