package io.stream4flow.traffic.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stream4flow.traffic.testing.PcapBuilder;
import io.stream4flow.traffic.testing.PcapBuilder.Pcap;
import io.stream4flow.traffic.testing.PcapBuilder.PcapNg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests of {@link CaptureReader}: whatever the bytes, reading ends normally or with a
 * {@link CaptureFormatException}; no other exception escapes, no payload points outside its
 * buffer, every packet lands in exactly one counter, and nothing is allocated beyond the
 * reader's bounds (a 256 KiB frame buffer, 64 KiB of interface options).
 *
 * <p>Regression mode ({@code mvn test}) runs each method on the empty input only; fuzzing mode is
 * {@code JAZZER_FUZZ=1 mvn -pl hotpath-collector -am test -Dtest='CaptureReaderFuzzTest#frames'
 * -Djunit.jupiter.execution.timeout.mode=disabled}, one method per run.
 */
class CaptureReaderFuzzTest {
    private static final int[] LINK_TYPES = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147};

    /** Any bytes as a whole file. */
    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anyFile(byte[] input) {
        drain(input);
    }

    /** A valid pcap file header, then fuzzed records. */
    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void pcapRecords(FuzzedDataProvider data) {
        byte[] header = new Pcap(data.pickValue(LINK_TYPES), data.consumeBoolean(), data.consumeBoolean()).toArray();
        drain(PcapBuilder.concat(header, data.consumeRemainingAsBytes()));
    }

    /** A valid pcapng section and interface, then fuzzed blocks. */
    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void pcapngBlocks(FuzzedDataProvider data) {
        byte[] head = new PcapNg(data.consumeBoolean())
                .iface(data.pickValue(LINK_TYPES), data.consumeInt(0, 70_000), data.consumeInt(-1, 255),
                        data.consumeLong())
                .toArray();
        drain(PcapBuilder.concat(head, data.consumeRemainingAsBytes()));
    }

    /** One well-framed record whose frame bytes are fuzzed: reaches the link, IP and UDP parsing. */
    @FuzzTest(maxDuration = "60s")
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void frames(FuzzedDataProvider data) {
        int linkType = data.pickValue(LINK_TYPES);
        Pcap pcap = new Pcap(linkType, true, false);
        while (data.remainingBytes() > 0) {
            pcap.record(1_700_000_000_000L, data.consumeBytes(data.consumeInt(0, 2000)));
        }
        drain(pcap.toArray());
    }

    static void drain(byte[] file) {
        CaptureReader r;
        try {
            r = CaptureReader.open("fuzz", file);
        } catch (CaptureFormatException expected) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (r) {
            while (r.next()) {
                assertThat(r.exporter().length).isIn(4, 16);
                assertThat(r.payloadOffset()).isNotNegative();
                assertThat(r.payloadLength()).isNotNegative();
                assertThat(r.payloadOffset() + r.payloadLength()).isLessThanOrEqualTo(r.payloadBuffer().length);
                assertThat(r.sourcePort()).isBetween(0, 65535);
            }
        } catch (CaptureFormatException expected) {
            // the file ends badly: fine, as long as the counters below add up
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long outcomes = 0;
        for (CaptureCounter c : CaptureCounter.values()) {
            if (c != CaptureCounter.PACKETS && c != CaptureCounter.SKIPPED_BLOCKS) {
                outcomes += r.count(c);
            }
        }
        assertThat(outcomes).isEqualTo(r.count(CaptureCounter.PACKETS));
    }
}
