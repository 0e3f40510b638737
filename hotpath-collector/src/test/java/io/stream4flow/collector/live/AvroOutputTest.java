package io.stream4flow.collector.live;

import static io.stream4flow.collector.live.LiveHarness.config;
import static io.stream4flow.collector.live.LiveHarness.offline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.collector.live.sink.Sinks;
import io.stream4flow.schema.avro.FlowAvroJson;
import io.stream4flow.schema.avro.FlowAvroSchema;
import io.stream4flow.traffic.testing.JsonLines;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live collector with {@code file:PATH?format=avro}: a standard Avro container file of the records. */
class AvroOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each record of an Avro file, read with Avro's DataFileReader, as parsed flow JSON. */
    static List<JsonNode> records(Path f) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        FlowAvroJson render = new FlowAvroJson();
        try (DataFileReader<GenericRecord> r = new DataFileReader<>(f.toFile(), FlowAvroSchema.newReader())) {
            assertThat(r.getSchema()).isEqualTo(FlowAvroSchema.schema());
            for (GenericRecord g : r) {
                out.add(JSON.readTree(render.json(g).toString()));
            }
        }
        return out;
    }

    static List<JsonNode> awaitRecords(Path f, int n) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        List<JsonNode> got = List.of();
        while (System.currentTimeMillis() < end) {
            try {
                got = Files.exists(f) ? records(f) : List.of();
            } catch (IOException e) {
                got = List.of(); // a block being written
            }
            if (got.size() >= n) {
                break;
            }
            Thread.sleep(50);
        }
        return got;
    }

    @Test
    void theFileHoldsTheRecordsTheOfflineDecodeHasAndGrowsAfterARestart(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.avro");
        List<byte[]> payloads = CollectorTest.corpusPayloads(false);
        CollectorConfig cfg = config(dir, "file:" + out + "?format=avro", "udp://127.0.0.1:0");
        List<JsonNode> want;
        try (Collector c = Collector.start(cfg)) {
            int port = LiveHarness.send(c.boundAddresses().get(0), payloads);
            want = JsonLines.parse(offline(payloads, port));
            assertThat(awaitRecords(out, want.size())).isEqualTo(want);
        }
        assertThat(records(out)).hasSize(want.size());
        try (Collector c = Collector.start(cfg)) {
            LiveHarness.send(c.boundAddresses().get(0), payloads.subList(0, 10));
            Thread.sleep(500);
        }
        List<JsonNode> all = records(out);
        assertThat(all.size()).isGreaterThan(want.size());
        assertThat(all.subList(0, want.size())).isEqualTo(want);
    }

    @Test
    void aFileCutShortOrNotAvroIsMovedAsideAndANewOneBegins(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.avro");
        List<byte[]> payloads = CollectorTest.corpusPayloads(false);
        CollectorConfig cfg = config(dir, "file:" + out + "?format=avro", "udp://127.0.0.1:0");
        int first;
        try (Collector c = Collector.start(cfg)) {
            int port = LiveHarness.send(c.boundAddresses().get(0), payloads);
            first = offline(payloads, port).size();
            assertThat(awaitRecords(out, first)).hasSize(first);
        }
        byte[] whole = Files.readAllBytes(out);
        Files.write(out, Arrays.copyOf(whole, whole.length - 5)); // the last block cut short
        try (Collector c = Collector.start(cfg)) {
            LiveHarness.send(c.boundAddresses().get(0), payloads.subList(0, 10));
            Thread.sleep(500);
        }
        int second = records(out).size();
        assertThat(second).isPositive().isLessThan(first);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("flows.avro.")).count())
                    .as("the cut file, moved aside").isEqualTo(1);
        }
        Files.writeString(out, "{\"not\":\"avro\"}\n");
        try (Collector c = Collector.start(cfg)) {
            LiveHarness.send(c.boundAddresses().get(0), payloads.subList(0, 10));
            Thread.sleep(500);
        }
        assertThat(records(out)).hasSize(second);
    }

    @Test
    void aFileRotatesPastItsSizeAndEveryPartIsReadable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.avro");
        CollectorConfig d = config(dir, "file:" + out + "?format=avro", "udp://127.0.0.1:0");
        CollectorConfig cfg = d.toBuilder().fileRotateBytes(16 * 1024).fileRotateSeconds(0).warmupMillis(0).build();
        List<byte[]> payloads = CollectorTest.corpusPayloads(false);
        int wanted;
        try (Collector c = Collector.start(cfg)) {
            int port = LiveHarness.send(c.boundAddresses().get(0), payloads);
            wanted = offline(payloads, port).size();
            long end = System.currentTimeMillis() + 10_000;
            while (count(dir) < wanted && System.currentTimeMillis() < end) {
                Thread.sleep(100);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("flows.avro")).toList();
        }
        assertThat(files.size()).as("files after rotation").isGreaterThan(1);
        assertThat(count(dir)).isEqualTo(wanted);
    }

    private static int count(Path dir) throws IOException {
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("flows.avro")).toList()) {
                try {
                    n += records(p).size();
                } catch (IOException e) {
                    return -1;
                }
            }
        }
        return n;
    }

    @Test
    void aBadFormatNamesTheOutput(@TempDir Path dir) {
        CollectorConfig d = config(dir, "null", "udp://127.0.0.1:0");
        CollectorConfig bad = d.toBuilder().output(URI.create("file:/tmp/x?format=parquet")).fileRotateBytes(0)
                .fileRotateSeconds(0).warmupMillis(0).build();
        assertThatThrownBy(() -> new Sinks(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output: 'file:/tmp/x?format=parquet': format 'parquet' is not json or avro");
    }
}
