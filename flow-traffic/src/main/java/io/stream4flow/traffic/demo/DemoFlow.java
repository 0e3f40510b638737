package io.stream4flow.traffic.demo;

/**
 * One unidirectional IPv4 flow of the demo traffic, as the demo exporter writes it.
 *
 * @param src source address, as an int in network order (the first octet in the high byte)
 * @param dst destination address, same form
 * @param srcPort source transport port (0 for ICMP)
 * @param dstPort destination transport port (ICMP: type * 256 + code, as exporters do)
 * @param protocol IP protocol number (6 TCP, 17 UDP, 1 ICMP)
 * @param tcpFlags the OR of the TCP flags seen (0 for other protocols)
 * @param packets packets in the flow (at least 1)
 * @param bytes octets in the flow, IP headers included
 * @param startMillis first packet, epoch milliseconds
 * @param endMillis last packet, epoch milliseconds (not before {@code startMillis})
 * @param app what a probe that looks into the payload adds ({@link Dns}, {@link Http}, {@link Tls}); null for
 *     none, the plain flow
 */
public record DemoFlow(int src, int dst, int srcPort, int dstPort, int protocol, int tcpFlags,
        long packets, long bytes, long startMillis, long endMillis, App app) {

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    /** Longest {@link Dns#name()} and {@link Http#host()}, in UTF-8 bytes (keeps a message under its size). */
    public static final int MAX_TEXT_BYTES = 40;
    /** Most cipher suites in a {@link Tls} list. */
    public static final int MAX_CIPHER_SUITES = 16;

    /** A plain flow, with no application elements. */
    public DemoFlow(int src, int dst, int srcPort, int dstPort, int protocol, int tcpFlags, long packets, long bytes,
            long startMillis, long endMillis) {
        this(src, dst, srcPort, dstPort, protocol, tcpFlags, packets, bytes, startMillis, endMillis, null);
    }

    /** Application elements of a flow; each kind has its own template in {@link DemoMessages}. */
    public sealed interface App permits Dns, Http, Tls { }

    /**
     * The DNS transaction of an answer flow, as a DNS-aware probe reports it (Flowmon's {@code dnsQname},
     * {@code dnsQtype}, {@code dnsFlagsCodes}).
     *
     * @param name the query name, at most {@link #MAX_TEXT_BYTES} bytes
     * @param qtype the query type (1 A, 28 AAAA, 15 MX, 255 ANY, ...)
     * @param rcode the response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, ...), 0 to 15
     */
    public record Dns(String name, int qtype, int rcode) implements App {
        public Dns {
            checkText(name);
            if (rcode < 0 || rcode > 15 || qtype < 0 || qtype > 0xffff) {
                throw new IllegalArgumentException("qtype " + qtype + " or rcode " + rcode + " out of range");
            }
        }

        /** The DNS header's flags and codes of the answer: QR, RD, RA and the response code. */
        public int flagsCodes() {
            return 0x8180 | rcode;
        }
    }

    /** The HTTP request's Host (Flowmon's {@code httpHost}), at most {@link #MAX_TEXT_BYTES} bytes. */
    public record Http(String host) implements App {
        public Http {
            checkText(host);
        }
    }

    /**
     * The cipher suites of a TLS ClientHello (Flowmon's {@code tlsCipherSuites}). Immutable: the array is copied in
     * and out; equality is identity, as for any record with an array.
     *
     * @param cipherSuites in the order offered, 1 to {@link #MAX_CIPHER_SUITES}, each 0 to 0xffff
     */
    public record Tls(int[] cipherSuites) implements App {
        public Tls {
            if (cipherSuites.length == 0 || cipherSuites.length > MAX_CIPHER_SUITES) {
                throw new IllegalArgumentException(cipherSuites.length + " cipher suites, not 1 to "
                        + MAX_CIPHER_SUITES);
            }
            cipherSuites = cipherSuites.clone();
            for (int s : cipherSuites) {
                if (s < 0 || s > 0xffff) {
                    throw new IllegalArgumentException("cipher suite " + s + " out of range");
                }
            }
        }

        /** A copy of the list. */
        @Override
        public int[] cipherSuites() {
            return cipherSuites.clone();
        }

        /** The number of suites. */
        public int count() {
            return cipherSuites.length;
        }

        /** Suite {@code i} (0 to {@link #count()} - 1). */
        public int suite(int i) {
            return cipherSuites[i];
        }

        /** The list as text: {@code 0x002f,0x0035,...} (lower-case hex, the form of the TLS dictionary). */
        public String text() {
            StringBuilder b = new StringBuilder();
            for (int s : cipherSuites) {
                b.append(b.isEmpty() ? "" : ",").append(String.format("0x%04x", s));
            }
            return b.toString();
        }
    }

    private static void checkText(String s) {
        if (s.isEmpty() || s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("'" + s + "': empty or longer than " + MAX_TEXT_BYTES + " bytes");
        }
    }

    /** {@code a.b.c.d} as the int form of {@link DemoFlow}. */
    public static int ipv4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** Dotted-quad text of an address in the int form. */
    public static String text(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }
}
