package io.stream4flow.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.collector.encode.FlowJsonEncoder;
import io.stream4flow.collector.encode.RecordEncoder;
import io.stream4flow.schema.RecordFormat;
import io.stream4flow.traffic.testing.CorpusFiles;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.avro.FlowBlock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code s4fctl kafka tail} prints for one message value: JSON as is, Avro flow records as their JSON. */
class TailLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String line(byte[] value) {
        KafkaTailCommand tail = new KafkaTailCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tail.writeLine(out, value);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonAndOtherMessagesArePrintedAsTheyAre() {
        assertThat(line("{\"type\":\"portscan\"}\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"type\":\"portscan\"}\n");
        assertThat(line("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo("hello\n");
        assertThat(line(null)).isEqualTo("null\n");
    }

    @Test
    void eachRecordOfABlockOfAvroFlowsIsPrintedAsTheJsonOfTheSameRecord() throws IOException {
        DecoderLimits limits = DecoderLimits.DEFAULTS;
        ElementRegistry registry = ElementRegistry.bundled();
        FlowJsonEncoder json = new FlowJsonEncoder(registry, limits.maxFieldsPerTemplate(), limits.maxListDepth());
        RecordEncoder avro = RecordEncoder.create(RecordFormat.AVRO, registry, limits.maxFieldsPerTemplate(),
                limits.maxListDepth());
        FlowDecoder decoder = new FlowDecoder(registry, limits);
        ExporterState st = new ExporterState(new byte[] {10, 0, 0, 9}, 2055, limits);
        List<String> want = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        for (String f : List.of("netflow9_test_cisco_asa_1_tpl.dat", "netflow9_test_cisco_asa_1_data.dat")) {
            byte[] b = CorpusFiles.bytes(f);
            decoder.decode(st, b, 0, b.length, 0L, r -> {
                json.encode(r);
                avro.encode(r);
                want.add(new String(json.array(), 0, json.length(), StandardCharsets.UTF_8));
                records.add(Arrays.copyOf(avro.array(), avro.length()));
            });
        }
        assertThat(records).hasSizeGreaterThan(1);
        String printed = line(FlowBlock.of(records));
        assertThat(printed).endsWith("\n");
        List<String> lines = List.of(printed.split("\n"));
        assertThat(lines).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertThat(JSON.readTree(lines.get(i))).isEqualTo(JSON.readTree(want.get(i)));
        }
    }
}
