package io.stream4flow.cli.stack;

import static io.stream4flow.traffic.testing.PcapBuilder.TCP_ACK;
import static io.stream4flow.traffic.testing.PcapBuilder.TCP_FIN;
import static io.stream4flow.traffic.testing.PcapBuilder.TCP_PSH;
import static io.stream4flow.traffic.testing.PcapBuilder.TCP_RST;
import static io.stream4flow.traffic.testing.PcapBuilder.TCP_SYN;

import io.stream4flow.traffic.testing.PcapBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * One capture of IPv4 packets (pcap, raw IP) with an attack of every detection family in it, each with one clear
 * sender and target, among a little ordinary traffic; the packet timestamps are near the time given, so that the
 * flows an exporter makes of it carry current event times.
 *
 * <p>All of it lies within {@value #SPAN_MS} ms starting {@value #OFFSET_MS} ms after a multiple of five minutes,
 * so that the flows fall into one window of every detection (1, 5 and 10 minutes, aligned on the epoch) and no flow
 * is later than another by more than the shortest watermark delay (30 s).
 *
 * <p>The attacks, with the defaults of the jobs they must cross:
 * <ul>
 *   <li>SSH password guessing: {@value #SSH_ATTEMPTS} connections from {@link #SSH_GUESSER} to {@link #SSH_SERVER}
 *       port 22, each a handshake, the key exchange, six refused passwords and the FINs (17 packets from the
 *       client, 15 from the server, 1.3 s): ssh_bruteforce counts 4 to 60 packets, 12000 bytes, 30 s as an attempt, 30 attempts in 5
 *       minutes as an attack; pattern_finder, configured with the shape of these connections as its pattern
 *       ({@link #guess()}), finds them as biflows.</li>
 *   <li>SYN flood: {@value #FLOOD_SOURCES} sources send {@value #FLOOD_PACKETS} SYNs to {@link #FLOOD_VICTIM} port
 *       80 in {@value #FLOOD_MS} ms, four source ports each, no answer: ddos takes 1000 packets a second over its
 *       1-minute window (60000 packets) from 100 sources.</li>
 *   <li>Reflection: {@link #REFLECTION_VICTIM} (spoofed) sends {@value #NTP_QUERIES} NTP monitor-list queries of 48
 *       bytes to {@link #REFLECTOR} port 123, which answers each with {@value #NTP_ANSWER_PACKETS} packets of 440
 *       bytes (more than 1 MB in all, over a hundred times the queries): reflected_ddos takes 1000000 answer bytes
 *       at 10 times the queries.</li>
 *   <li>Outside resolver: {@link #STRAY_CLIENT} sends all its {@value #STRAY_LOOKUPS} lookups to
 *       {@link #OUTSIDE_RESOLVER}: dns_external_resolver takes 20 in 10 minutes.</li>
 *   <li>Open resolver: {@link #OPEN_RESOLVER} answers {@value #OPEN_ANSWERS} lookups of the outside host
 *       {@link #OUTSIDE_CLIENT}: dns_open_resolver takes 10 in 10 minutes.</li>
 *   <li>Port scan: {@link #SCANNER} sends SYNs from one port to {@value #SCAN_PORTS} ports of {@link #SCANNED}; the
 *       closed ones answer RST, the open ones (22, 25) SYN-ACK and the scanner resets them: portscan takes 20
 *       ports of one host with SYN-only flows in its 1-minute window (a vertical scan).</li>
 * </ul>
 *
 * <p>The ordinary traffic: local clients resolving names at the local resolver {@link #LOCAL_RESOLVER} (which asks
 * three outside servers a few times), HTTPS sessions to an outside web server, an administrator's long SSH session
 * and three short logins to {@link #SSH_SERVER}, NTP queries to an outside server. None of it crosses a default.
 *
 * <p>Not thread-safe; one instance makes one capture.
 */
final class DetectionTraffic {
    static final String LOCAL_NET = "10.20.0.0/16";
    static final long SPAN_MS = 25_000;
    static final long OFFSET_MS = 2_000;

    static final String SSH_SERVER = "10.20.0.22";
    static final String SSH_GUESSER = "203.0.113.66";
    static final int SSH_ATTEMPTS = 64;
    static final String FLOOD_VICTIM = "10.20.0.80";
    static final int FLOOD_PORT = 80;
    static final int FLOOD_SOURCES = 120;
    static final int FLOOD_PACKETS = 66_000;
    static final long FLOOD_MS = 8_000;
    static final String REFLECTOR = "10.20.0.123";
    static final String REFLECTION_VICTIM = "192.0.2.77";
    static final int NTP_QUERIES = 100;
    static final int NTP_ANSWER_PACKETS = 22;
    static final String STRAY_CLIENT = "10.20.1.50";
    static final String OUTSIDE_RESOLVER = "198.51.100.99";
    static final int STRAY_LOOKUPS = 30;
    static final String OPEN_RESOLVER = "10.20.0.54";
    static final String OUTSIDE_CLIENT = "203.0.113.150";
    static final int OPEN_ANSWERS = 25;
    static final String SCANNER = "203.0.113.200";
    static final String SCANNED = "10.20.0.40";
    static final int SCAN_FIRST_PORT = 20;
    static final int SCAN_PORTS = 40;
    static final List<Integer> SCAN_OPEN = List.of(22, 25);

    static final String LOCAL_RESOLVER = "10.20.0.53";
    static final String ADMIN = "10.20.1.10";
    static final List<String> CLIENTS = List.of("10.20.1.11", "10.20.1.12", "10.20.1.13", "10.20.1.14");
    static final String WEB_SERVER = "198.51.100.80";
    static final String NTP_SERVER = "198.51.100.123";
    static final List<String> AUTHORITATIVE = List.of("198.51.100.1", "198.51.100.2", "198.51.100.3");

    /** What a job must report of one attack: the alert's fields, as the packets of the capture give them. */
    record Expected(String type, String srcIp, String dstIp, Integer dstPort, long flows, long packets, long bytes,
            long targets) { }

    private record Packet(long time, long order, byte[] ip) { }

    private final List<Packet> packets = new ArrayList<>();
    private final Random random = new Random(7);
    private final List<Expected> expected = new ArrayList<>();
    private final long start;

    /** @param now the time the capture ends before (epoch ms): it starts 35 s to 5 min 35 s before it */
    DetectionTraffic(long now) {
        long five = 300_000;
        this.start = Math.floorDiv(now - SPAN_MS - OFFSET_MS - 10_000, five) * five + OFFSET_MS;
        ordinary();
        sshGuessing();
        synFlood();
        reflection();
        strayClient();
        openResolver();
        portScan();
    }

    /** The alerts the attacks must raise, one per family. */
    List<Expected> expected() {
        return List.copyOf(expected);
    }

    /** The first packet's time (epoch ms). */
    long start() {
        return start;
    }

    /** The capture: pcap, raw IPv4 link type, packets in time order. */
    byte[] pcap() {
        packets.sort(Comparator.comparingLong(Packet::time).thenComparingLong(Packet::order));
        PcapBuilder.Pcap pcap = new PcapBuilder.Pcap(PcapBuilder.LINKTYPE_RAW, false, false);
        for (Packet p : packets) {
            pcap.record(p.time(), p.ip());
        }
        return pcap.toArray();
    }

    // ------------------------------------------------------------------ attacks

    private void sshGuessing() {
        long packets = 0;
        long bytes = 0;
        long both = 0;
        long bothBytes = 0;
        for (int i = 0; i < SSH_ATTEMPTS; i++) {
            Tcp c = new Tcp(start + 1_000 + i * 300L, SSH_GUESSER, 41_000 + i, SSH_SERVER, 22);
            sshLogin(c, 6, false);
            packets += c.clientPackets;
            bytes += c.clientBytes;
            both += c.clientPackets + c.serverPackets;
            bothBytes += c.clientBytes + c.serverBytes;
            guess = new Login(c.clientPackets, c.clientBytes, c.serverPackets, c.serverBytes, c.t - 40 - c.started);
        }
        expected.add(new Expected("ssh_bruteforce", SSH_GUESSER, SSH_SERVER, 22, SSH_ATTEMPTS, packets, bytes, 1));
        expected.add(new Expected("pattern_finder", SSH_GUESSER, SSH_SERVER, 22, SSH_ATTEMPTS, both, bothBytes, 1));
    }

    /** The shape of one password-guessing connection: packets and bytes each way, and how long it lasts (ms). */
    record Login(long clientPackets, long clientBytes, long serverPackets, long serverBytes, long durationMs) { }

    private Login guess;

    /** The shape of the guessing connections (all alike). */
    Login guess() {
        return guess;
    }

    /** Banner, key exchange, {@code passwords} password requests, then success or the server's disconnect, FINs. */
    private void sshLogin(Tcp c, int passwords, boolean accepted) {
        c.handshake();
        c.server(ascii("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")).client(ascii("SSH-2.0-libssh_0.10.4\r\n"));
        c.client(1_392).server(1_080).ack(true).client(48).server(548).server(16).client(16).ack(false);
        c.client(52).server(52);
        for (int p = 0; p < passwords; p++) {
            c.client(100).server(accepted && p == passwords - 1 ? 28 : 52);
        }
        if (!accepted) {
            c.server(84).ack(true);
        }
        c.close();
    }

    private void synFlood() {
        long t0 = start - OFFSET_MS + 10_000; // within one 10 s window of ddos
        int sourcePorts = 4;
        for (int k = 0; k < FLOOD_PACKETS; k++) {
            int source = k % FLOOD_SOURCES;
            int port = 1_024 + source * 7 + (k / FLOOD_SOURCES) % sourcePorts;
            add(t0 + k * FLOOD_MS / FLOOD_PACKETS, PcapBuilder.tcp4(floodSource(source), port, FLOOD_VICTIM,
                    FLOOD_PORT, random.nextInt() & 0xFFFFFFFFL, 0, TCP_SYN, new byte[0]));
        }
        expected.add(new Expected("ddos", null, FLOOD_VICTIM, FLOOD_PORT, (long) FLOOD_SOURCES * sourcePorts,
                FLOOD_PACKETS, FLOOD_PACKETS * 40L, FLOOD_SOURCES));
    }

    static String floodSource(int i) {
        return "198.18." + (1 + i / 250) + "." + (1 + i % 250);
    }

    private void reflection() {
        long answerBytes = 0;
        for (int q = 0; q < NTP_QUERIES; q++) {
            long t = start + 3_000 + q * 150L;
            byte[] query = new byte[48];
            query[0] = 0x17; // response 0, more 0, version 2, mode 7 (private)
            query[2] = 3; // implementation: XNTPD
            query[3] = 42; // request: MON_GETLIST_1
            add(t, PcapBuilder.udp4(REFLECTION_VICTIM, 57_123, REFLECTOR, 123, query));
            for (int a = 0; a < NTP_ANSWER_PACKETS; a++) {
                byte[] answer = filler(440);
                answer[0] = (byte) (a < NTP_ANSWER_PACKETS - 1 ? 0xD7 : 0x97); // response, more but the last
                answer[2] = 3;
                answer[3] = 42;
                byte[] ip = PcapBuilder.udp4(REFLECTOR, 123, REFLECTION_VICTIM, 57_123, answer);
                add(t + 1 + a, ip);
                answerBytes += ip.length;
            }
        }
        expected.add(new Expected("reflected_ddos", REFLECTOR, REFLECTION_VICTIM, null, 1,
                (long) NTP_QUERIES * NTP_ANSWER_PACKETS, answerBytes, 1));
    }

    private void strayClient() {
        long packets = 0;
        long bytes = 0;
        for (int i = 0; i < STRAY_LOOKUPS; i++) {
            byte[] q = dnsLookup(STRAY_CLIENT, 33_000 + i * 17, OUTSIDE_RESOLVER, start + 2_000 + i * 700L,
                    "host" + i + ".example.org");
            packets++;
            bytes += q.length;
        }
        expected.add(new Expected("dns_external_resolver", STRAY_CLIENT, OUTSIDE_RESOLVER, 53, STRAY_LOOKUPS,
                packets, bytes, 1));
    }

    private void openResolver() {
        long bytes = 0;
        for (int i = 0; i < OPEN_ANSWERS; i++) {
            byte[] q = dnsLookup(OUTSIDE_CLIENT, 44_000 + i * 13, OPEN_RESOLVER, start + 4_000 + i * 800L,
                    "www" + i + ".example.net");
            bytes += q.length + 16; // the answer: the query and one A record
        }
        expected.add(new Expected("dns_open_resolver", OPEN_RESOLVER, null, null, OPEN_ANSWERS, OPEN_ANSWERS, bytes,
                1));
    }

    private void portScan() {
        long t = start + 9_000;
        int probes = 0;
        for (int port = SCAN_FIRST_PORT; port < SCAN_FIRST_PORT + SCAN_PORTS; port++, t += 50) {
            long seq = random.nextInt() & 0xFFFFFFFFL;
            add(t, PcapBuilder.tcp4(SCANNER, 61_111, SCANNED, port, seq, 0, TCP_SYN, new byte[0]));
            if (SCAN_OPEN.contains(port)) {
                long server = random.nextInt() & 0xFFFFFFFFL;
                add(t + 1, PcapBuilder.tcp4(SCANNED, port, SCANNER, 61_111, server, seq + 1, TCP_SYN | TCP_ACK,
                        new byte[0]));
                add(t + 2, PcapBuilder.tcp4(SCANNER, 61_111, SCANNED, port, seq + 1, 0, TCP_RST, new byte[0]));
            } else {
                probes++;
                add(t + 1, PcapBuilder.tcp4(SCANNED, port, SCANNER, 61_111, 0, seq + 1, TCP_RST | TCP_ACK,
                        new byte[0]));
            }
        }
        expected.add(new Expected("portscan_vertical", SCANNER, SCANNED, null, probes, probes, probes * 40L, probes));
    }

    // ------------------------------------------------------------------ ordinary traffic

    private void ordinary() {
        for (int i = 0; i < 24; i++) {
            String client = CLIENTS.get(i % CLIENTS.size());
            long t = start + 500 + i * 1_000L;
            dnsLookup(client, 50_000 + i, LOCAL_RESOLVER, t, "site" + i + ".example.com");
            if (i % 2 == 0) {
                dnsLookup(LOCAL_RESOLVER, 20_000 + i, AUTHORITATIVE.get(i / 2 % AUTHORITATIVE.size()), t + 5,
                        "site" + i + ".example.com");
            }
            if (i % 3 == 0) {
                https(new Tcp(t + 30, client, 52_000 + i, WEB_SERVER, 443));
            }
        }
        Tcp session = new Tcp(start, ADMIN, 45_000, SSH_SERVER, 22);
        sshLogin(session, 1, true);
        for (int k = 0; k < 150; k++) { // an interactive session: keystrokes and their echoes
            session.client(36).server(36);
        }
        session.close();
        for (int i = 0; i < 3; i++) {
            sshLogin(new Tcp(start + 5_000 + i * 6_000L, ADMIN, 45_100 + i, SSH_SERVER, 22), 1, true);
        }
        for (int i = 0; i < 4; i++) {
            long t = start + 1_500 + i * 6_000L;
            add(t, PcapBuilder.udp4(CLIENTS.get(0), 38_000 + i, NTP_SERVER, 123, ntpClient()));
            add(t + 20, PcapBuilder.udp4(NTP_SERVER, 123, CLIENTS.get(0), 38_000 + i, ntpClient()));
        }
    }

    private void https(Tcp c) {
        c.handshake();
        c.client(517).server(1_400).server(1_400).server(1_400).server(600).client(126).server(51);
        c.client(420);
        for (int k = 0; k < 20; k++) {
            c.server(1_400);
            if (k % 2 == 1) {
                c.ack(true);
            }
        }
        c.close();
    }

    // ------------------------------------------------------------------ protocols

    /** One DNS lookup, UDP, answered 20 ms later with one A record; returns the query packet. */
    private byte[] dnsLookup(String client, int port, String server, long t, String name) {
        int id = random.nextInt(0x10000);
        byte[] question = question(name);
        byte[] query = PcapBuilder.concat(new byte[] {(byte) (id >>> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0},
                question);
        byte[] answer = PcapBuilder.concat(new byte[] {(byte) (id >>> 8), (byte) id, (byte) 0x81, (byte) 0x80, 0, 1,
                0, 1, 0, 0, 0, 0}, question,
                new byte[] {(byte) 0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, (byte) 192, 0, 2,
                        (byte) (1 + random.nextInt(250))});
        byte[] ip = PcapBuilder.udp4(client, port, server, 53, query);
        add(t, ip);
        add(t + 20, PcapBuilder.udp4(server, 53, client, port, answer));
        return ip;
    }

    private static byte[] question(String name) {
        List<byte[]> parts = new ArrayList<>();
        for (String label : name.split("\\.")) {
            byte[] l = ascii(label);
            parts.add(new byte[] {(byte) l.length});
            parts.add(l);
        }
        parts.add(new byte[] {0, 0, 1, 0, 1}); // root, type A, class IN
        return PcapBuilder.concat(parts.toArray(new byte[0][]));
    }

    private byte[] ntpClient() {
        byte[] b = filler(48);
        b[0] = 0x23; // version 4, mode 3 (client)
        return b;
    }

    private byte[] filler(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void add(long time, byte[] ip) {
        packets.add(new Packet(time, packets.size(), ip));
    }

    /**
     * One TCP connection, 40 ms between segments: sequence and acknowledgement numbers follow the bytes sent, the
     * client side's packets and IP bytes are counted.
     */
    private final class Tcp {
        private final String client;
        private final int clientPort;
        private final String server;
        private final int serverPort;
        private long t;
        private long clientSeq = random.nextInt() & 0xFFFFFFFFL;
        private long serverSeq = random.nextInt() & 0xFFFFFFFFL;
        private final long started;
        long clientPackets;
        long clientBytes;
        long serverPackets;
        long serverBytes;

        Tcp(long t, String client, int clientPort, String server, int serverPort) {
            this.t = t;
            this.started = t;
            this.client = client;
            this.clientPort = clientPort;
            this.server = server;
            this.serverPort = serverPort;
        }

        void handshake() {
            send(true, TCP_SYN, new byte[0]);
            clientSeq++;
            send(false, TCP_SYN | TCP_ACK, new byte[0]);
            serverSeq++;
            send(true, TCP_ACK, new byte[0]);
        }

        Tcp client(int size) {
            return client(filler(size));
        }

        Tcp client(byte[] payload) {
            send(true, TCP_PSH | TCP_ACK, payload);
            return this;
        }

        Tcp server(int size) {
            return server(filler(size));
        }

        Tcp server(byte[] payload) {
            send(false, TCP_PSH | TCP_ACK, payload);
            return this;
        }

        /** A segment with no data from the client ({@code true}) or the server. */
        Tcp ack(boolean fromClient) {
            send(fromClient, TCP_ACK, new byte[0]);
            return this;
        }

        /** FIN from the client, FIN from the server, the client's last ACK. */
        void close() {
            send(true, TCP_FIN | TCP_ACK, new byte[0]);
            clientSeq++;
            send(false, TCP_FIN | TCP_ACK, new byte[0]);
            serverSeq++;
            send(true, TCP_ACK, new byte[0]);
        }

        private void send(boolean fromClient, int flags, byte[] payload) {
            byte[] ip = fromClient
                    ? PcapBuilder.tcp4(client, clientPort, server, serverPort, clientSeq, ackOf(flags, serverSeq),
                            flags, payload)
                    : PcapBuilder.tcp4(server, serverPort, client, clientPort, serverSeq, ackOf(flags, clientSeq),
                            flags, payload);
            add(t, ip);
            t += 40;
            if (fromClient) {
                clientSeq += payload.length;
                clientPackets++;
                clientBytes += ip.length;
            } else {
                serverSeq += payload.length;
                serverPackets++;
                serverBytes += ip.length;
            }
        }

        private long ackOf(int flags, long seq) {
            return (flags & TCP_ACK) != 0 ? seq & 0xFFFFFFFFL : 0;
        }
    }
}
