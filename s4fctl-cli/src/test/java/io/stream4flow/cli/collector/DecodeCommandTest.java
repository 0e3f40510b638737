package io.stream4flow.cli.collector;

import static io.stream4flow.cli.CliRun.s4fctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.CliRun;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.traffic.testing.CorpusFiles;
import io.stream4flow.traffic.testing.PcapBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s4fctl collector decode} run in-process on the shared corpus of raw exporter payloads and on
 * captures built from it.
 */
class DecodeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String corpus(String name) {
        return CorpusFiles.file(name).toString();
    }

    @Test
    void decodesARawV5FileToOneJsonObjectPerRecord() throws IOException {
        CliRun r = s4fctl("collector", "decode", corpus("netflow5_test_juniper_mx80.dat"));

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.lines()).hasSize(29);
        for (String line : r.lines()) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.get("@type").asText()).isEqualTo("ipfix.entry");
            assertThat(record.get("ipfix:version").asInt()).isEqualTo(5);
            assertThat(record.get("ipfix:exporterAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(record.get("ipfix:exporterPort").asInt()).isZero();
        }
        assertThat(r.err()).contains("messages: 1", "records: 29").containsPattern("errors: +none");
    }

    @Test
    void summaryOnlyPrintsNoRecords() {
        CliRun r = s4fctl("collector", "decode", "--summary", corpus("netflow5_test_juniper_mx80.dat"));

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("records: 29");
    }

    @Test
    void rejectedInputExitsOneAndNamesTheReason() {
        CliRun r = s4fctl("collector", "decode", corpus("netflow5_test_invalid01.dat"));

        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("v5_bad_count=1");
    }

    @Test
    void whatDecodedIsPrintedEvenWhenSomeInputIsRejected() {
        CliRun r = s4fctl("collector", "decode", corpus("netflow5_test_juniper_mx80.dat"),
                corpus("netflow5_test_invalid01.dat"));

        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.lines()).hasSize(29);
        assertThat(r.err()).contains("v5_bad_count=1");
    }

    @Test
    void rawFilesOfOneCallAreOneExportersStreamInTheOrderGiven() {
        String template = corpus("ipfix_test_mikrotik_tpl.dat");
        String data = corpus("ipfix_test_mikrotik_data258.dat");

        CliRun inOrder = s4fctl("collector", "decode", template, data);
        assertThat(inOrder.code()).as(inOrder.err()).isEqualTo(ExitCode.OK);
        assertThat(inOrder.lines()).isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"ipfix:templateId\":258"));

        CliRun dataFirst = s4fctl("collector", "decode", data, template);
        assertThat(dataFirst.code()).as(dataFirst.err()).isEqualTo(ExitCode.OK);
        assertThat(dataFirst.lines()).hasSameSizeAs(inOrder.lines());
        assertThat(dataFirst.err()).contains("held sets: 1");

        CliRun dataAlone = s4fctl("collector", "decode", data);
        assertThat(dataAlone.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(dataAlone.out()).isEmpty();
        assertThat(dataAlone.err()).contains("held_expired=1");
    }

    @Test
    void missingFileIsAUsageErrorNamingIt() {
        CliRun r = s4fctl("collector", "decode", corpus("netflow5_test_juniper_mx80.dat"), "no-such-file.dat");

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("s4fctl: no such file: no-such-file.dat",
                "Try s4fctl collector decode --help");
    }

    @Test
    void aDirectoryIsNotAFile(@TempDir Path dir) {
        CliRun r = s4fctl("collector", "decode", dir.toString());

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).first().isEqualTo("s4fctl: not a regular file: " + dir);
    }

    @Test
    void noFileIsAUsageError() {
        CliRun r = s4fctl("collector", "decode");

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).containsExactly("s4fctl: Missing required parameter: 'FILE'",
                "Try s4fctl collector decode --help");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = s4fctl("collector", "decode", "--bogus", corpus("netflow5_test_juniper_mx80.dat"));

        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.errLines()).hasSize(2).first().asString().contains("--bogus");
    }

    @Test
    void elementsMustBeADirectoryOfGoodDefinitionFiles(@TempDir Path dir) throws IOException {
        String file = corpus("netflow5_test_juniper_mx80.dat");

        CliRun notADir = s4fctl("collector", "decode", "--elements", dir.resolve("none").toString(), file);
        assertThat(notADir.code()).isEqualTo(ExitCode.USAGE);
        assertThat(notADir.errLines()).first().asString().contains("--elements: not a directory");

        CliRun empty = s4fctl("collector", "decode", "--elements", dir.toString(), file);
        assertThat(empty.code()).isEqualTo(ExitCode.OK);
        assertThat(empty.lines()).hasSize(29);

        Files.writeString(dir.resolve("broken.xml"), "<scope>");
        CliRun broken = s4fctl("collector", "decode", "--elements", dir.toString(), file);
        assertThat(broken.code()).isEqualTo(ExitCode.USAGE);
        assertThat(broken.err()).contains("bad element definition file", "broken.xml");
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun r = s4fctl("collector", "decode", "--help");

        assertThat(r.code()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("--summary", "--elements=DIR", "Exit codes:", "usage error");
    }

    @Test
    void decodesACaptureWithTheSenderAsExporterAndCountsWhatIsNotUdp(@TempDir Path dir) throws IOException {
        byte[] v5 = CorpusFiles.bytes("netflow5_test_juniper_mx80.dat");
        byte[] pcap = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_ETHERNET, false, false)
                .record(1_469_109_172_000L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_ARP, new byte[28]))
                .record(1_469_109_172_001L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_IPV4,
                        PcapBuilder.udp4("192.0.2.7", 50123, "198.51.100.1", 2055, v5)))
                .toArray();
        Path file = Files.write(dir.resolve("exporter.pcap"), pcap);

        CliRun r = s4fctl("collector", "decode", file.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.lines()).hasSize(29);
        JsonNode first = JSON.readTree(r.lines().get(0));
        assertThat(first.get("ipfix:exporterAddress").asText()).isEqualTo("192.0.2.7");
        assertThat(first.get("ipfix:exporterPort").asInt()).isEqualTo(50123);
        assertThat(r.err()).contains(file + ": packets=2 udp_payloads=1 not_ip=1", "records: 29",
                "capture packets skipped (not UDP, fragments): 1");
    }

    @Test
    void aTemplateAndItsDataInTwoPcapngPacketsDecodeLikeTheRawFiles(@TempDir Path dir) throws IOException {
        byte[] template = CorpusFiles.bytes("ipfix_test_mikrotik_tpl.dat");
        byte[] data = CorpusFiles.bytes("ipfix_test_mikrotik_data258.dat");
        byte[] pcapng = new PcapBuilder.PcapNg(false)
                .iface(PcapBuilder.LINKTYPE_RAW, 65535, -1, 0)
                .epb(0, 1_500_481_088_000_000L, PcapBuilder.udp4("10.0.0.1", 4739, "10.0.0.2", 4739, template))
                .epb(0, 1_500_481_089_000_000L, PcapBuilder.udp4("10.0.0.1", 4739, "10.0.0.2", 4739, data))
                .toArray();
        Path file = Files.write(dir.resolve("mikrotik.pcapng"), pcapng);

        CliRun capture = s4fctl("collector", "decode", file.toString());
        CliRun raw = s4fctl("collector", "decode", corpus("ipfix_test_mikrotik_tpl.dat"),
                corpus("ipfix_test_mikrotik_data258.dat"));

        assertThat(capture.code()).as(capture.err()).isEqualTo(ExitCode.OK);
        assertThat(capture.lines()).hasSameSizeAs(raw.lines()).allSatisfy(l -> assertThat(l)
                .contains("\"ipfix:exporterAddress\":\"10.0.0.1\",\"ipfix:exporterPort\":4739"));
    }

    @Test
    void aTruncatedCaptureIsRejectedAfterWhatCameBeforeTheCut(@TempDir Path dir) throws IOException {
        byte[] v5 = CorpusFiles.bytes("netflow5_test_juniper_mx80.dat");
        byte[] whole = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_ETHERNET, false, false)
                .record(1_000L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_IPV4,
                        PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5)))
                .record(2_000L, PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_IPV4,
                        PcapBuilder.udp4("192.0.2.7", 2055, "198.51.100.1", 2055, v5)))
                .toArray();
        Path file = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, whole.length - 100));

        CliRun r = s4fctl("collector", "decode", file.toString());

        assertThat(r.code()).isEqualTo(ExitCode.REJECTED);
        assertThat(r.lines()).hasSize(29);
        assertThat(r.err()).contains(file + ": offset ", "unreadable inputs: 1");
    }
}
