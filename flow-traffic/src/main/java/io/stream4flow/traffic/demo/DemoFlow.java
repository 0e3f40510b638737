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
 */
public record DemoFlow(int src, int dst, int srcPort, int dstPort, int protocol, int tcpFlags,
        long packets, long bytes, long startMillis, long endMillis) {

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

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
