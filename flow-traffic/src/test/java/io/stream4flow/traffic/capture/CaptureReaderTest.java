package io.stream4flow.traffic.capture;

import static io.stream4flow.traffic.testing.PcapBuilder.ETHERTYPE_ARP;
import static io.stream4flow.traffic.testing.PcapBuilder.ETHERTYPE_IPV4;
import static io.stream4flow.traffic.testing.PcapBuilder.ETHERTYPE_IPV6;
import static io.stream4flow.traffic.testing.PcapBuilder.LINKTYPE_ETHERNET;
import static io.stream4flow.traffic.testing.PcapBuilder.LINKTYPE_IPV4;
import static io.stream4flow.traffic.testing.PcapBuilder.LINKTYPE_IPV6;
import static io.stream4flow.traffic.testing.PcapBuilder.LINKTYPE_LINUX_SLL;
import static io.stream4flow.traffic.testing.PcapBuilder.LINKTYPE_LINUX_SLL2;
import static io.stream4flow.traffic.testing.PcapBuilder.LINKTYPE_NULL;
import static io.stream4flow.traffic.testing.PcapBuilder.LINKTYPE_RAW;
import static io.stream4flow.traffic.testing.PcapBuilder.PROTO_TCP;
import static io.stream4flow.traffic.testing.PcapBuilder.PROTO_UDP;
import static io.stream4flow.traffic.testing.PcapBuilder.addr;
import static io.stream4flow.traffic.testing.PcapBuilder.concat;
import static io.stream4flow.traffic.testing.PcapBuilder.ethernet;
import static io.stream4flow.traffic.testing.PcapBuilder.ipv4;
import static io.stream4flow.traffic.testing.PcapBuilder.ipv6;
import static io.stream4flow.traffic.testing.PcapBuilder.ipv6Extension;
import static io.stream4flow.traffic.testing.PcapBuilder.ipv6Fragment;
import static io.stream4flow.traffic.testing.PcapBuilder.udp;
import static io.stream4flow.traffic.testing.PcapBuilder.udp4;
import static io.stream4flow.traffic.testing.PcapBuilder.udp6;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.traffic.testing.PcapBuilder;
import io.stream4flow.traffic.testing.PcapBuilder.Pcap;
import io.stream4flow.traffic.testing.PcapBuilder.PcapNg;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaptureReaderTest {
    static final long T0 = 1_700_000_000_123L;
    static final byte[] HELLO = "hello".getBytes(US_ASCII);

    /** One delivered payload, copied. */
    record Got(String exporter, int sourcePort, int destinationPort, long time, String payload) { }

    static List<Got> readAll(CaptureReader r) throws IOException {
        List<Got> out = new ArrayList<>();
        r.forEach((exp, sp, dp, t, buf, off, len) -> out.add(new Got(ip(exp), sp, dp, t,
                new String(buf, off, len, US_ASCII))));
        return out;
    }

    static List<Got> readAll(byte[] file) throws IOException {
        try (CaptureReader r = CaptureReader.open("test.pcap", file)) {
            return readAll(r);
        }
    }

    static String ip(byte[] a) {
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Got got(String exporter, int sp, int dp, long time, String payload) {
        return new Got(exporter, sp, dp, time, payload);
    }

    @ParameterizedTest(name = "bigEndian={0} nanos={1}")
    @MethodSource("orders")
    void pcapInEitherByteOrderWithMicroOrNanoTimestamps(boolean bigEndian, boolean nanos) throws IOException {
        byte[] tcp = ipv4(addr("10.0.0.1"), addr("10.0.0.2"), PROTO_TCP, 0, new byte[0], new byte[20]);
        byte[] file = new Pcap(LINKTYPE_ETHERNET, bigEndian, nanos)
                .record(T0, ethernet(ETHERTYPE_IPV4, udp4("192.0.2.1", 50000, "192.0.2.9", 2055, HELLO)))
                .record(T0 + 1, ethernet(ETHERTYPE_IPV4, tcp))
                .record(T0 + 2, ethernet(ETHERTYPE_IPV6,
                        udp6("2001:db8::1", 4739, "2001:db8::2", 4739, "v6".getBytes(US_ASCII))))
                .toArray();
        try (CaptureReader r = CaptureReader.open("t.pcap", file)) {
            assertThat(readAll(r)).containsExactly(
                    got("192.0.2.1", 50000, 2055, T0, "hello"),
                    got("2001:db8:0:0:0:0:0:1", 4739, 4739, T0 + 2, "v6"));
            assertThat(r.count(CaptureCounter.PACKETS)).isEqualTo(3);
            assertThat(r.count(CaptureCounter.UDP_PAYLOADS)).isEqualTo(2);
            assertThat(r.count(CaptureCounter.NOT_UDP)).isEqualTo(1);
        }
    }

    static Stream<Arguments> orders() {
        return Stream.of(Arguments.of(true, false), Arguments.of(false, false), Arguments.of(true, true),
                Arguments.of(false, true));
    }

    static Stream<Arguments> linkTypes() {
        byte[] v4 = udp4("198.51.100.7", 1234, "198.51.100.8", 2055, HELLO);
        byte[] v6 = udp6("2001:db8::7", 1234, "2001:db8::8", 2055, HELLO);
        return Stream.of(
                Arguments.of("ethernet", LINKTYPE_ETHERNET, ethernet(ETHERTYPE_IPV4, v4)),
                Arguments.of("ethernet 802.1Q", LINKTYPE_ETHERNET, ethernet(ETHERTYPE_IPV4, v4, 0x8100)),
                Arguments.of("ethernet QinQ", LINKTYPE_ETHERNET, ethernet(ETHERTYPE_IPV6, v6, 0x88A8, 0x8100)),
                Arguments.of("ethernet 3 tags", LINKTYPE_ETHERNET,
                        ethernet(ETHERTYPE_IPV4, v4, 0x9100, 0x88A8, 0x8100)),
                Arguments.of("sll", LINKTYPE_LINUX_SLL, PcapBuilder.sll(ETHERTYPE_IPV4, v4)),
                Arguments.of("sll2", LINKTYPE_LINUX_SLL2, PcapBuilder.sll2(ETHERTYPE_IPV6, v6)),
                Arguments.of("raw v4", LINKTYPE_RAW, v4),
                Arguments.of("raw v6", LINKTYPE_RAW, v6),
                Arguments.of("raw 12", 12, v4),
                Arguments.of("raw 14", 14, v6),
                Arguments.of("ipv4", LINKTYPE_IPV4, v4),
                Arguments.of("ipv6", LINKTYPE_IPV6, v6),
                Arguments.of("null little-endian v4", LINKTYPE_NULL, PcapBuilder.nullLoopback(2, false, v4)),
                Arguments.of("null big-endian v6", LINKTYPE_NULL, PcapBuilder.nullLoopback(30, true, v6)),
                Arguments.of("null linux v6", LINKTYPE_NULL, PcapBuilder.nullLoopback(10, false, v6)),
                Arguments.of("openbsd loop v6", 108, PcapBuilder.nullLoopback(24, true, v6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linkTypes")
    void everyLinkTypeYieldsThePayload(String name, int linkType, byte[] frame) throws IOException {
        List<Got> all = readAll(new Pcap(linkType, false, false).record(T0, frame).toArray());
        assertThat(all).hasSize(1);
        assertThat(all.get(0).payload()).isEqualTo("hello");
        assertThat(all.get(0).sourcePort()).isEqualTo(1234);
        assertThat(all.get(0).destinationPort()).isEqualTo(2055);
        assertThat(all.get(0).exporter()).isIn("198.51.100.7", "2001:db8:0:0:0:0:0:7");
    }

    /** One frame through the reader: the counter it lands in (and the payload when UDP). */
    static CaptureCounter outcome(int linkType, byte[] frame) throws IOException {
        byte[] file = new Pcap(linkType, true, false).record(T0, frame).toArray();
        try (CaptureReader r = CaptureReader.open("one.pcap", file)) {
            r.forEach((e, sp, dp, t, b, o, l) -> { });
            for (CaptureCounter c : CaptureCounter.values()) {
                if (c != CaptureCounter.PACKETS && r.count(c) == 1) {
                    return c;
                }
            }
            throw new AssertionError("no counter moved");
        }
    }

    @Test
    void ipv4HeaderOptionsAreSkippedByIhl() throws IOException {
        byte[] packet = ipv4(addr("10.1.1.1"), addr("10.1.1.2"), PROTO_UDP, 0, new byte[8], udp(9, 10, HELLO));
        assertThat(readAll(new Pcap(LINKTYPE_RAW, true, false).record(T0, packet).toArray()))
                .containsExactly(got("10.1.1.1", 9, 10, T0, "hello"));
    }

    @Test
    void fragmentsAreCountedAndSkipped() throws IOException {
        byte[] a = addr("10.0.0.1");
        byte[] b = addr("10.0.0.2");
        byte[] a6 = addr("2001:db8::1");
        byte[] b6 = addr("2001:db8::2");
        byte[] body = udp(1, 2, HELLO);
        assertThat(outcome(LINKTYPE_RAW, ipv4(a, b, PROTO_UDP, 0x2000, new byte[0], body)))
                .isEqualTo(CaptureCounter.FRAGMENTED);
        assertThat(outcome(LINKTYPE_RAW, ipv4(a, b, PROTO_UDP, 185, new byte[0], body)))
                .isEqualTo(CaptureCounter.FRAGMENT);
        assertThat(outcome(LINKTYPE_RAW, ipv4(a, b, PROTO_UDP, 0x2000 | 185, new byte[0], body)))
                .isEqualTo(CaptureCounter.FRAGMENT);
        assertThat(outcome(LINKTYPE_RAW, ipv6(a6, b6, 44, concat(ipv6Fragment(PROTO_UDP, 0, true), body))))
                .isEqualTo(CaptureCounter.FRAGMENTED);
        assertThat(outcome(LINKTYPE_RAW, ipv6(a6, b6, 44, concat(ipv6Fragment(PROTO_UDP, 100, false), body))))
                .isEqualTo(CaptureCounter.FRAGMENT);
        // an IPv4 "don't fragment" flag is not a fragment
        assertThat(outcome(LINKTYPE_RAW, ipv4(a, b, PROTO_UDP, 0x4000, new byte[0], body)))
                .isEqualTo(CaptureCounter.UDP_PAYLOADS);
    }

    @Test
    void ipv6ExtensionHeadersAreWalked() throws IOException {
        byte[] body = concat(ipv6Extension(60, 8), ipv6Extension(43, 24), ipv6Extension(PROTO_UDP, 16),
                udp(5, 6, HELLO));
        byte[] packet = ipv6(addr("2001:db8::5"), addr("2001:db8::6"), 0, body);
        assertThat(readAll(new Pcap(LINKTYPE_IPV6, true, false).record(T0, packet).toArray()))
                .containsExactly(got("2001:db8:0:0:0:0:0:5", 5, 6, T0, "hello"));
        byte[] esp = ipv6(addr("2001:db8::5"), addr("2001:db8::6"), 0, concat(ipv6Extension(50, 8), new byte[16]));
        assertThat(outcome(LINKTYPE_IPV6, esp)).isEqualTo(CaptureCounter.NOT_UDP);
    }

    @Test
    void otherProtocolsAndLinkTypesAreCounted() throws IOException {
        assertThat(outcome(LINKTYPE_ETHERNET, ethernet(ETHERTYPE_ARP, new byte[28]))).isEqualTo(CaptureCounter.NOT_IP);
        assertThat(outcome(147, new byte[40])).isEqualTo(CaptureCounter.UNSUPPORTED_LINK_TYPE);
        assertThat(outcome(LINKTYPE_RAW, new byte[] {0x20, 0, 0, 0})).isEqualTo(CaptureCounter.NOT_IP);
    }

    @Test
    void lengthsComeFromUdpNotFromTheFrame() throws IOException {
        byte[] padded = concat(ethernet(ETHERTYPE_IPV4, udp4("10.0.0.1", 1, "10.0.0.2", 2, HELLO)), new byte[12]);
        assertThat(readAll(new Pcap(LINKTYPE_ETHERNET, true, false).record(T0, padded).toArray()))
                .extracting(Got::payload).containsExactly("hello");
        byte[] full = ethernet(ETHERTYPE_IPV4, udp4("10.0.0.1", 1, "10.0.0.2", 2, new byte[100]));
        assertThat(outcome(LINKTYPE_ETHERNET, Arrays.copyOf(full, 60))).isEqualTo(CaptureCounter.TRUNCATED);
        assertThat(outcome(LINKTYPE_ETHERNET, Arrays.copyOf(full, 30))).isEqualTo(CaptureCounter.TRUNCATED);
        assertThat(outcome(LINKTYPE_ETHERNET, Arrays.copyOf(full, 10))).isEqualTo(CaptureCounter.TRUNCATED);
    }

    @Test
    void impossibleHeaderValuesAreMalformed() throws IOException {
        byte[] ok = udp4("10.0.0.1", 1, "10.0.0.2", 2, HELLO);
        CaptureCounter malformed = CaptureCounter.MALFORMED;
        assertThat(outcome(LINKTYPE_IPV4, patch(ok, 0, 0x44))).as("IHL 4").isEqualTo(malformed);
        assertThat(outcome(LINKTYPE_IPV4, patch(ok, 0, 0x65))).as("version 6 on an IPv4 link").isEqualTo(malformed);
        assertThat(outcome(LINKTYPE_IPV4, patch(ok, 25, 7))).as("UDP length 7").isEqualTo(malformed);
        assertThat(outcome(LINKTYPE_IPV4, patch(ok, 25, 200))).as("UDP length past IP").isEqualTo(malformed);
        assertThat(outcome(LINKTYPE_IPV4, patch(ok, 3, 20))).as("IP total = header").isEqualTo(malformed);
        byte[] v6 = udp6("2001:db8::1", 1, "2001:db8::2", 2, HELLO);
        assertThat(outcome(LINKTYPE_IPV6, patch(patch(v6, 4, 0), 5, 0))).as("jumbogram").isEqualTo(malformed);
        int[] nineTags = {0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100};
        assertThat(outcome(LINKTYPE_ETHERNET, ethernet(ETHERTYPE_IPV4, ok, nineTags))).as("9 VLAN tags")
                .isEqualTo(malformed);
        byte[] loop = ipv6(addr("2001:db8::1"), addr("2001:db8::2"), 0, concat(
                ipv6Extension(0, 8), ipv6Extension(0, 8), ipv6Extension(0, 8), ipv6Extension(0, 8),
                ipv6Extension(0, 8), ipv6Extension(0, 8), ipv6Extension(0, 8), ipv6Extension(0, 8),
                ipv6Extension(0, 8), ipv6Extension(0, 8), ipv6Extension(0, 8), ipv6Extension(0, 8),
                ipv6Extension(0, 8), ipv6Extension(0, 8), ipv6Extension(0, 8), ipv6Extension(0, 8),
                ipv6Extension(0, 8), udp(1, 2, HELLO)));
        assertThat(outcome(LINKTYPE_IPV6, loop)).as("17 extension headers").isEqualTo(malformed);
    }

    static byte[] patch(byte[] b, int at, int value) {
        byte[] c = b.clone();
        c[at] = (byte) value;
        return c;
    }

    @Test
    void exporterArraysAreSharedWhileTheSourceStaysAndNeverChange() throws IOException {
        byte[] file = new Pcap(LINKTYPE_RAW, true, false)
                .record(T0, udp4("10.0.0.1", 1, "10.0.0.9", 2, HELLO))
                .record(T0, udp4("10.0.0.1", 1, "10.0.0.9", 2, HELLO))
                .record(T0, udp4("10.0.0.2", 1, "10.0.0.9", 2, HELLO)).toArray();
        List<byte[]> seen = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open("x", file)) {
            r.forEach((e, sp, dp, t, b, o, l) -> seen.add(e));
        }
        assertThat(seen.get(0)).isSameAs(seen.get(1)).isNotSameAs(seen.get(2));
        assertThat(ip(seen.get(0))).isEqualTo("10.0.0.1");
        assertThat(ip(seen.get(2))).isEqualTo("10.0.0.2");
    }

    @Test
    void iteratorStyleAccessors() throws IOException {
        byte[] file = new Pcap(LINKTYPE_RAW, true, true)
                .record(T0, udp4("10.0.0.1", 7, "10.0.0.9", 8, HELLO)).toArray();
        try (CaptureReader r = CaptureReader.open("x", file)) {
            assertThat(r.next()).isTrue();
            assertThat(r.sourcePort()).isEqualTo(7);
            assertThat(r.destinationPort()).isEqualTo(8);
            assertThat(r.timeMillis()).isEqualTo(T0);
            assertThat(r.payload()).isEqualTo(HELLO);
            assertThat(new String(r.payloadBuffer(), r.payloadOffset(), r.payloadLength(), US_ASCII))
                    .isEqualTo("hello");
            assertThat(r.next()).isFalse();
            assertThat(r.next()).isFalse();
        }
    }

    // ------------------------------------------------------------------ pcapng

    @ParameterizedTest(name = "bigEndian={0}")
    @MethodSource("bools")
    void pcapngInterfacesResolutionsAndBlockKinds(boolean bigEndian) throws IOException {
        long seconds = T0 / 1000;
        byte[] v4 = udp4("192.0.2.1", 1000, "192.0.2.2", 2055, "a".getBytes(US_ASCII));
        byte[] v6 = udp6("2001:db8::1", 1001, "2001:db8::2", 4739, "b".getBytes(US_ASCII));
        byte[] file = new PcapNg(bigEndian)
                .iface(LINKTYPE_ETHERNET, 0, -1, 0)               // 0: microseconds by default
                .iface(LINKTYPE_RAW, 0, 9, 0)                     // 1: nanoseconds
                .iface(LINKTYPE_LINUX_SLL, 0, 0x80 | 10, 0)       // 2: 2^-10 s
                .iface(LINKTYPE_IPV4, 0, 3, 100)                  // 3: milliseconds, +100 s offset
                .epb(0, T0 * 1000, ethernet(ETHERTYPE_IPV4, v4))
                .block(0x0BADL, new byte[] {1, 2, 3, 4, 5})      // unknown: skipped
                .epb(1, T0 * 1_000_000 + 999_999, v6)
                .epb(2, seconds << 10 | 512, PcapBuilder.sll(ETHERTYPE_IPV4, v4))
                .epb(3, T0, v4)
                .spb(ethernet(ETHERTYPE_IPV4, v4))                // interface 0, time of the last packet
                .obsoletePacket(1, T0 * 1_000_000, v6)
                .toArray();
        try (CaptureReader r = CaptureReader.open("t.pcapng", file)) {
            assertThat(readAll(r)).containsExactly(
                    got("192.0.2.1", 1000, 2055, T0, "a"),
                    got("2001:db8:0:0:0:0:0:1", 1001, 4739, T0, "b"),
                    got("192.0.2.1", 1000, 2055, seconds * 1000 + 500, "a"),
                    got("192.0.2.1", 1000, 2055, T0 + 100_000, "a"),
                    got("192.0.2.1", 1000, 2055, T0 + 100_000, "a"),
                    got("2001:db8:0:0:0:0:0:1", 1001, 4739, T0, "b"));
            assertThat(r.count(CaptureCounter.SKIPPED_BLOCKS)).isEqualTo(1);
            assertThat(r.count(CaptureCounter.PACKETS)).isEqualTo(6);
        }
    }

    static Stream<Boolean> bools() {
        return Stream.of(true, false);
    }

    @Test
    void pcapngSectionsMayChangeByteOrderAndRestartInterfaces() throws IOException {
        byte[] v4 = udp4("192.0.2.1", 1, "192.0.2.2", 2, "x".getBytes(US_ASCII));
        byte[] file = new PcapNg(true).iface(LINKTYPE_RAW, 0, -1, 0).epb(0, T0 * 1000, v4)
                .section(false).iface(LINKTYPE_ETHERNET, 0, -1, 0)
                .epb(0, T0 * 1000 + 1000, ethernet(ETHERTYPE_IPV4, v4))
                .toArray();
        assertThat(readAll(file)).extracting(Got::time).containsExactly(T0, T0 + 1);
    }

    @Test
    void simplePacketsAreCutToTheSnapLength() throws IOException {
        byte[] frame = ethernet(ETHERTYPE_IPV4, udp4("192.0.2.1", 1, "192.0.2.2", 2, new byte[100]));
        byte[] file = new PcapNg(false).iface(LINKTYPE_ETHERNET, 64, -1, 0).spb(frame).toArray();
        try (CaptureReader r = CaptureReader.open("t", file)) {
            assertThat(r.next()).isFalse();
            assertThat(r.count(CaptureCounter.TRUNCATED)).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ broken files

    /** Reads what it can, then expects the error; returns the payloads delivered before it. */
    static List<Got> readUntilError(byte[] file, String messagePart, long offset) throws IOException {
        List<Got> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open("bad.cap", file)) {
            r.forEach((exp, sp, dp, t, buf, off, len) ->
                    out.add(new Got(ip(exp), sp, dp, t, new String(buf, off, len, US_ASCII))));
            throw new AssertionError("no error; read " + out);
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).startsWith("bad.cap: offset " + offset + ": ").contains(messagePart)
                    .doesNotContain("\n");
            assertThat(e.file()).isEqualTo("bad.cap");
            assertThat(e.offset()).isEqualTo(offset);
        }
        return out;
    }

    static final byte[] FRAME = udp4("10.0.0.1", 1, "10.0.0.2", 2, HELLO);

    @Test
    void truncatedPcapDeliversWhatCameBefore() throws IOException {
        byte[] whole = new Pcap(LINKTYPE_RAW, false, false).record(T0, FRAME).record(T0 + 1, FRAME).toArray();
        long second = 24 + 16 + FRAME.length;
        assertThat(readUntilError(Arrays.copyOf(whole, whole.length - 3), "record data of 33 bytes", second))
                .hasSize(1);
        assertThat(readUntilError(Arrays.copyOf(whole, (int) second + 5), "record header of 16 bytes", second))
                .hasSize(1);
        readUntilError(Arrays.copyOf(whole, 10), "pcap file header", 4);
    }

    @Test
    void absurdPcapLengthsFailBeforeAnyAllocation() throws IOException {
        byte[] file = new Pcap(LINKTYPE_RAW, true, false).record(T0, FRAME).record(T0, new byte[0], 0x7FFF_FFF0L)
                .toArray();
        assertThat(readUntilError(file, "exceeds the maximum 262144", 24 + 16 + FRAME.length)).hasSize(1);
        byte[] big = new Pcap(LINKTYPE_RAW, true, false).record(T0, new byte[10], 200_000).toArray();
        readUntilError(big, "record data of 200000 bytes runs past the end of the file (10 bytes left)", 24);
    }

    @Test
    void badHeadersAndMagic() throws IOException {
        readUntilError(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "not a pcap or pcapng file (magic 0x1020304)", 0);
        readUntilError(new byte[] {1, 2}, "file magic of 4 bytes", 0);
        byte[] v3 = new Pcap(LINKTYPE_RAW, true, false).toArray();
        v3[5] = 3;
        readUntilError(v3, "unsupported pcap version 3", 4);
    }

    @Test
    void brokenPcapngBlocks() throws IOException {
        byte[] v4 = udp4("192.0.2.1", 1, "192.0.2.2", 2, "x".getBytes(US_ASCII));
        UnaryOperator<PcapNg> good = n -> n.iface(LINKTYPE_RAW, 0, -1, 0).epb(0, T0 * 1000, v4);
        int afterGood = good.apply(new PcapNg(true)).toArray().length;

        byte[] truncated = good.apply(new PcapNg(true)).epb(0, T0 * 1000, v4).toArray();
        assertThat(readUntilError(Arrays.copyOf(truncated, truncated.length - 1), "block of", afterGood))
                .hasSize(1);

        byte[] notMultipleOf4 = good.apply(new PcapNg(true)).raw(new byte[] {0, 0, 0, 6, 0, 0, 0, 33})
                .raw(new byte[40]).toArray();
        assertThat(readUntilError(notMultipleOf4, "bad block length 33", afterGood)).hasSize(1);

        byte[] trailer = good.apply(new PcapNg(true)).epb(0, T0 * 1000, v4).toArray();
        trailer[trailer.length - 1] ^= 4;
        assertThat(readUntilError(trailer, "block trailer length", afterGood)).hasSize(1);

        byte[] capLen = good.apply(new PcapNg(true)).epb(0, T0 * 1000, v4).toArray();
        capLen[afterGood + 8 + 12 + 3] = (byte) 200; // captured length field of the second EPB
        assertThat(readUntilError(capLen, "captured length 200 larger than its block", afterGood)).hasSize(1);

        byte[] noInterface = good.apply(new PcapNg(true)).epb(3, T0 * 1000, v4).toArray();
        assertThat(readUntilError(noInterface, "packet of interface 3 but the section describes 1", afterGood))
                .hasSize(1);

        int shb = new PcapNg(true).toArray().length;
        byte[] spbFirst = new PcapNg(false).spb(v4).toArray();
        readUntilError(spbFirst, "interface 0 but the section describes 0", shb);

        byte[] badOption = new PcapNg(true)
                .block(1, new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 40, 0, 0, 0, 0}).toArray();
        readUntilError(badOption, "interface option 9 of 40 bytes runs past its block", shb + 16);

        byte[] badResolution = new PcapNg(true).iface(LINKTYPE_RAW, 0, 30, 0).toArray();
        readUntilError(badResolution, "unsupported timestamp resolution 0x1e", shb);

        byte[] bom = new PcapNg(true).toArray();
        bom[8] = 0x77;
        readUntilError(bom, "bad pcapng byte-order magic", 8);

        byte[] version = new PcapNg(true).toArray();
        version[13] = 2;
        readUntilError(version, "unsupported pcapng version 2", 12);
    }

    @Test
    void fileDetectionAndRawPayloadFiles(@TempDir Path dir) throws IOException {
        Path pcap = Files.write(dir.resolve("a.pcap"), new Pcap(LINKTYPE_RAW, false, true).toArray());
        Path ng = Files.write(dir.resolve("a.pcapng"), new PcapNg(false).toArray());
        Path raw = Files.write(dir.resolve("a.dat"), new byte[] {0, 10, 0, 16, 1, 2, 3});
        Path tiny = Files.write(dir.resolve("b.dat"), new byte[] {0, 5});
        assertThat(CaptureReader.isCapture(pcap)).isTrue();
        assertThat(CaptureReader.isCapture(ng)).isTrue();
        assertThat(CaptureReader.isCapture(raw)).isFalse();
        assertThat(CaptureReader.isCapture(tiny)).isFalse();
        assertThat(RawPayloadFile.read(raw)).containsExactly(0, 10, 0, 16, 1, 2, 3);
        try {
            RawPayloadFile.read(raw, 6);
            throw new AssertionError("no error");
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage())
                    .isEqualTo(raw + ": offset 0: raw payload file of 7 bytes exceeds the limit of 6");
        }
        try (CaptureReader r = CaptureReader.open(pcap)) {
            assertThat(r.next()).isFalse();
            assertThat(r.name()).isEqualTo(pcap.toString());
        }
    }
}
