package io.stream4flow.traffic.capture;

/**
 * What a {@link CaptureReader} counts while reading. Every packet record of the file lands in
 * {@link #PACKETS} and in exactly one of the other counters, except those of link types the reader
 * does not know, which land in {@link #UNSUPPORTED_LINK_TYPE}. Names ({@link #metricName()}) are
 * stable: the CLI summary prints them.
 */
public enum CaptureCounter {
    /** Packet records read (pcap records; pcapng enhanced, simple and obsolete packet blocks). */
    PACKETS("packets"),
    /** UDP payloads delivered to the caller. */
    UDP_PAYLOADS("udp_payloads"),
    /** Frames whose link layer carries something other than IPv4 or IPv6 (ARP, LLC, ...). */
    NOT_IP("not_ip"),
    /** IP packets of another protocol than UDP (TCP, ICMP, ESP, ...). */
    NOT_UDP("not_udp"),
    /** Non-first fragments (IPv4 offset above 0, IPv6 fragment header with offset above 0). */
    FRAGMENT("fragment"),
    /** First fragments (offset 0, more-fragments set): skipped, the reader does not reassemble. */
    FRAGMENTED("fragmented"),
    /** Packets cut short by the capture (snap length) before the end of their UDP datagram. */
    TRUNCATED("truncated"),
    /** Header values that cannot be right: IPv4 IHL below 5, UDP length below 8, too many tags. */
    MALFORMED("malformed"),
    /** Packets of a link type the reader does not decode. */
    UNSUPPORTED_LINK_TYPE("unsupported_link_type"),
    /** pcapng blocks of other types (name resolution, statistics, custom, ...), skipped. */
    SKIPPED_BLOCKS("skipped_blocks");

    private final String metricName;

    CaptureCounter(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }
}
