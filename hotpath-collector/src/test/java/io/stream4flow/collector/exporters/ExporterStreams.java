package io.stream4flow.collector.exporters;

import io.stream4flow.traffic.testing.ExternalProgram;
import io.stream4flow.traffic.testing.PcapBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Real exporter streams for comparing the decoders with nfdump: a deterministic traffic capture
 * ({@code src/test/scripts/make-traffic.py}, seed {@value #SEED}, {@value #FLOWS} flows over ~2
 * minutes: TCP sessions with handshakes, RST and unanswered SYNs, UDP, ICMP, IPv4 and IPv6) is fed
 * to softflowd and to pmacctd's nfprobe plugin, each exporting NetFlow v5, v9 or IPFIX to a UDP
 * socket of this fixture, which records every datagram in order with its source. The recorded
 * datagrams are then sent, in order, to nfdump's nfcapd on 127.0.0.1 and {@code nfdump -o json}
 * gives the reference totals: records, and flows / packets / bytes per protocol. Each stream is
 * also written as a pcap (Ethernet / IPv4 / UDP, receive times) for {@code s4fctl collector decode}.
 * Everything lands in {@code target/exporter-streams/}; nothing is committed but the script.
 *
 * <p>Command lines (the programs of Debian 12: softflowd 1.1.0, pmacct 1.7.7, nfdump 1.7.1):
 * <pre>
 * softflowd -d -a -r traffic.pcap -n 127.0.0.1:PORT -c none -v 5|9|10 [-b]
 * pmacctd -f VARIANT.conf     with   daemonize: false
 *                                    pcap_savefile: traffic.pcap
 *                                    pcap_savefile_wait: false
 *                                    plugins: nfprobe
 *                                    nfprobe_receiver: 127.0.0.1:PORT
 *                                    nfprobe_version: 5|9|10
 *                                    nfprobe_timeouts: maxlife=30:expint=5
 *                                    aggregate: src_host, dst_host, src_port, dst_port, proto, tos, tcpflags
 * nfcapd -b 127.0.0.1 -p PORT -t 3600 -w DIR        (stopped with SIGTERM)
 * nfdump -R DIR -o json
 * </pre>
 *
 * <p>What was found on this machine:
 * <ul>
 *   <li>softflowd {@code -r} reads the whole file, then ("Shutting down after pcap EOF") expires and
 *       exports every flow ("flushed"), and exits: no control socket or signal is needed. In file
 *       mode it does not expire flows on timeouts (only when the table is full), so {@code -t}
 *       timeouts, maxlife included, change nothing here. {@code -c PATH} after {@code -r} turns the
 *       control socket back on and softflowd then blocks in accept() forever (its poll is skipped in
 *       file mode): use {@code -c none}.</li>
 *   <li>softflowd {@code -a} sets the exporter's clock from the packet times. Without it the v5
 *       flow times are garbage (uptimes computed against the wall clock wrap at 2^32 ms); with it
 *       they are the capture's. softflowd v5 exports IPv4 flows only; v9 and IPFIX carry IPv6 too.
 *       Its IPFIX uses flowStartSysUpTime / flowEndSysUpTime (IE 22 / 21) with
 *       systemInitTimeMilliseconds (IE 160) in an options record.</li>
 *   <li>softflowd {@code -b} (IPFIX biflow) sends one record per bidirectional flow with reverse
 *       elements (PEN 29305): 341 records where the uniflow variants send 546.</li>
 *   <li>pmacctd with {@code pcap_savefile_wait: false} exits by itself after the nfprobe plugin has
 *       exported everything (~4 s, 2 s of which is a fixed sleep before reading). With
 *       {@code pcap_savefile_wait: true} and SIGINT it counts the packets of its last buffer twice
 *       (13 packets too many on this traffic): not used. Its v5 flow times are computed against the
 *       wall clock and wrap at 2^32 ms (nfdump shows dates weeks before now), whatever the capture
 *       times; v9 and IPFIX times are the capture's. maxlife=30 splits long flows (554 v9 records
 *       instead of 546), so its streams carry exports from the middle of the capture too. About one
 *       run in four it exits with status 1 ("connection lost to 'default_nfprobe-nfprobe'") because
 *       its plugin ended first, after exporting everything: accepted when the plugin logged its
 *       normal shutdown.</li>
 *   <li>nfdump counts a biflow record as one flow. Its {@code -s proto} statistics count only the
 *       forward direction (in_packets / in_bytes) of biflows, while its summary line adds the reverse
 *       (out_*) counters: that is why {@link ProtocolTotals} keeps both. For softflowd IPFIX records
 *       nfdump reports first and last swapped (negative durations): it reads IE 22 / 21 the wrong
 *       way round; tshark decodes them as RFC 7011 says. Compare flow times with care.</li>
 * </ul>
 *
 * <p>Thread use: {@link #shared()} may be called from any test thread; the streams are made once
 * per JVM (variants in parallel, about 6 s on 2 cores) and are immutable.
 */
public final class ExporterStreams {
    public static final long SEED = 1;
    public static final int FLOWS = 300;

    /** An exporter and the protocol version it speaks. */
    public enum Variant {
        SOFTFLOWD_V5("softflowd-v5", 5, false),
        SOFTFLOWD_V9("softflowd-v9", 9, false),
        SOFTFLOWD_IPFIX("softflowd-ipfix", 10, false),
        SOFTFLOWD_IPFIX_BIFLOW("softflowd-ipfix-biflow", 10, true),
        PMACCT_V5("pmacct-v5", 5, false),
        PMACCT_V9("pmacct-v9", 9, false),
        PMACCT_IPFIX("pmacct-ipfix", 10, false);

        private final String fileName;
        private final int version;
        private final boolean biflow;

        Variant(String fileName, int version, boolean biflow) {
            this.fileName = fileName;
            this.version = version;
            this.biflow = biflow;
        }

        /** Name of the variant's files under the work folder. */
        public String fileName() {
            return fileName;
        }

        /** NetFlow version: 5, 9, or 10 (IPFIX). */
        public int version() {
            return version;
        }

        public boolean biflow() {
            return biflow;
        }

        public boolean softflowd() {
            return name().startsWith("SOFTFLOWD");
        }
    }

    /** One datagram as the fixture's socket received it. */
    public record Datagram(InetSocketAddress source, long receivedMillis, byte[] payload) { }

    /**
     * nfdump's sums over the records of one protocol: flows (records), forward packets and bytes
     * ({@code in_packets}, {@code in_bytes}) and reverse ones ({@code out_*}, biflows only).
     */
    public record ProtocolTotals(long flows, long packets, long bytes, long reversePackets, long reverseBytes) {
        public long allPackets() {
            return packets + reversePackets;
        }

        public long allBytes() {
            return bytes + reverseBytes;
        }
    }

    /** nfdump's view of a stream: the record count and totals by IP protocol number. */
    public record NfdumpTotals(long records, SortedMap<Integer, ProtocolTotals> protocols) { }

    /** One recorded export stream. */
    public record ExportStream(Variant variant, List<String> command, List<Datagram> datagrams, Path pcap,
            NfdumpTotals nfdump) {
        public List<byte[]> payloads() {
            List<byte[]> out = new ArrayList<>(datagrams.size());
            datagrams.forEach(d -> out.add(d.payload()));
            return out;
        }
    }

    private static Map<Variant, ExportStream> shared;

    private ExporterStreams() { }

    /** Every variant, made once per JVM under {@code target/exporter-streams}. */
    public static synchronized Map<Variant, ExportStream> shared() {
        if (shared == null) {
            try {
                shared = record(workDir(), Set.of(Variant.values()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** {@code target/exporter-streams} of the module. */
    public static Path workDir() {
        return Paths.get(System.getProperty("basedir", ".")).resolve("target").resolve("exporter-streams")
                .toAbsolutePath().normalize();
    }

    /**
     * Makes the traffic capture and records the given variants (in parallel) in {@code dir}.
     *
     * @throws IllegalStateException when a program is missing, fails or runs past its timeout
     */
    public static Map<Variant, ExportStream> record(Path dir, Set<Variant> variants)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path traffic = trafficPcap(dir);
        ExecutorService pool = Executors.newFixedThreadPool(variants.size());
        try {
            Map<Variant, Future<ExportStream>> running = new EnumMap<>(Variant.class);
            for (Variant v : variants) {
                running.put(v, pool.submit(() -> recordOne(v, traffic, dir.resolve(v.fileName()))));
            }
            Map<Variant, ExportStream> out = new EnumMap<>(Variant.class);
            for (Map.Entry<Variant, Future<ExportStream>> e : running.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException x) {
                    Throwable cause = x.getCause();
                    throw new IllegalStateException(e.getKey() + ": " + cause.getMessage(), cause);
                }
            }
            return Collections.unmodifiableMap(out);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code make-traffic.py} (with /usr/bin/python3, which has scapy) into {@code dir/traffic.pcap}. */
    public static Path trafficPcap(Path dir) throws IOException, InterruptedException {
        Path python = Paths.get("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException(
                    "/usr/bin/python3 is missing: install the Debian packages python3 python3-scapy");
        }
        Path script = makeTrafficScript();
        Path out = dir.resolve("traffic.pcap");
        Path log = dir.resolve("make-traffic.log");
        int rc = ExternalProgram.run(List.of(python.toString(), script.toString(), "--out", out.toString(),
                "--seed", Long.toString(SEED), "--flows", Integer.toString(FLOWS)), log, Duration.ofSeconds(120));
        if (rc != 0) {
            String tail = ExternalProgram.tail(log);
            throw new IllegalStateException(tail.contains("No module named 'scapy'")
                    ? "scapy is missing for /usr/bin/python3: install the Debian package python3-scapy"
                    : "make-traffic.py exited with " + rc + ":\n" + tail);
        }
        return out;
    }

    /** {@code make-traffic.py} of this module, also when another module's tests use the streams. */
    private static Path makeTrafficScript() {
        Path module = Paths.get(System.getProperty("basedir", "."));
        Path here = module.resolve("src/test/scripts/make-traffic.py");
        return Files.exists(here) ? here
                : module.resolve("../hotpath-collector/src/test/scripts/make-traffic.py").normalize();
    }

    private static ExportStream recordOne(Variant v, Path traffic, Path dir) throws Exception {
        Files.createDirectories(dir);
        List<String> command;
        List<Datagram> datagrams;
        try (UdpRecorder recorder = new UdpRecorder(v.fileName())) {
            command = v.softflowd() ? softflowd(v, traffic, recorder.port())
                    : pmacctd(v, traffic, recorder.port(), dir);
            Path log = dir.resolve("exporter.log");
            int rc = ExternalProgram.run(command, log, Duration.ofSeconds(60));
            if (rc != 0 && !(rc == 1 && !v.softflowd() && pmacctRaceAtExit(log))) {
                throw new IllegalStateException(command.get(0) + " exited with " + rc + ". Log " + log + ":\n"
                        + ExternalProgram.tail(log));
            }
            datagrams = recorder.finish(200);
        }
        if (datagrams.isEmpty()) {
            throw new IllegalStateException(v + " exported nothing; log " + dir.resolve("exporter.log") + ":\n"
                    + ExternalProgram.tail(dir.resolve("exporter.log")));
        }
        Path pcap = dir.resolveSibling(v.fileName() + ".pcap");
        writePcap(datagrams, v.version() == 10 ? 4739 : 2055, pcap);
        return new ExportStream(v, command, datagrams, pcap, NfdumpReference.totals(datagrams, dir));
    }

    private static List<String> softflowd(Variant v, Path traffic, int port) {
        List<String> cmd = new ArrayList<>(List.of(ExternalProgram.require("softflowd", "softflowd").toString(),
                "-d", "-a", "-r", traffic.toString(), "-n", "127.0.0.1:" + port, "-c", "none",
                "-v", Integer.toString(v.version())));
        if (v.biflow()) {
            cmd.add("-b");
        }
        return cmd;
    }

    private static List<String> pmacctd(Variant v, Path traffic, int port, Path dir) throws IOException {
        Path conf = dir.resolve("pmacctd.conf");
        Files.writeString(conf, String.join("\n",
                "daemonize: false",
                "pcap_savefile: " + traffic,
                "pcap_savefile_wait: false",
                "plugins: nfprobe",
                "nfprobe_receiver: 127.0.0.1:" + port,
                "nfprobe_version: " + v.version(),
                "nfprobe_timeouts: maxlife=30:expint=5",
                "aggregate: src_host, dst_host, src_port, dst_port, proto, tos, tcpflags",
                ""), StandardCharsets.UTF_8);
        return List.of(ExternalProgram.require("pmacctd", "pmacct").toString(), "-f", conf.toString());
    }

    /**
     * pmacctd exits with 1 ("connection lost to 'default_nfprobe-nfprobe'") in about one run out of
     * four when its plugin ends first, after it has exported everything ("Shutting down on user
     * request"): not a failure. The nfdump totals show whether the stream is whole.
     */
    private static boolean pmacctRaceAtExit(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        return text.contains("nfprobe ): Shutting down on user request") && text.contains("connection lost to");
    }

    /**
     * Writes the datagrams as Ethernet / IPv4 / UDP frames from their source to 127.0.0.1:{@code port}
     * (the collector's default port for the protocol), stamped with their receive times.
     */
    static void writePcap(List<Datagram> datagrams, int port, Path file) throws IOException {
        PcapBuilder.Pcap pcap = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_ETHERNET, false, false);
        for (Datagram d : datagrams) {
            byte[] ip = PcapBuilder.udp4(d.source().getAddress().getHostAddress(), d.source().getPort(),
                    "127.0.0.1", port, d.payload());
            pcap.record(d.receivedMillis(), PcapBuilder.ethernet(PcapBuilder.ETHERTYPE_IPV4, ip));
        }
        Files.write(file, pcap.toArray());
    }
}
