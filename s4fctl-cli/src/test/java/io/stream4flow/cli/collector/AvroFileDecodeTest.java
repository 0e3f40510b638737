package io.stream4flow.cli.collector;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.collector.offline.OfflineDecoder;
import io.stream4flow.traffic.testing.JsonLines;
import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.traffic.testing.CorpusFiles;
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
        try (DataFileWriter<Object> w = new DataFileWriter<>(new GenericDatumWriter<>(FlowAvroSchema.schema()))) {
            w.create(FlowAvroSchema.schema(), avro.toFile());
            for (byte[] record : Corpus.encode(FILES, OfflineDecoder.RAW_EXPORTER, 0, FileDecoder.RAW_CLOCK_MILLIS,
                    RecordFormat.AVRO)) {
                w.appendEncoded(ByteBuffer.wrap(record));
            }
        }
    }

    @Test
    void anAvroFilePrintsTheRecordsOfTheRawFilesItCameFrom(@TempDir Path dir) throws IOException {
        Path avro = dir.resolve("flows.avro");
        writeAvro(avro);
        List<String> args = new ArrayList<>(List.of("collector", "decode"));
        FILES.forEach(f -> args.add(CorpusFiles.file(f).toString()));
        CliRun raw = s4fctl(args.toArray(String[]::new));
        assertThat(raw.code()).as(raw.err()).isEqualTo(ExitCode.OK);

        CliRun r = s4fctl("collector", "decode", avro.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(raw.lines()).hasSizeGreaterThan(30);
        assertThat(JsonLines.parse(r.lines())).isEqualTo(JsonLines.parse(raw.lines()));
        assertThat(r.err()).contains(avro + ": " + raw.lines().size() + " records from an Avro container file");
    }
}
