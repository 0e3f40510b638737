package io.stream4flow.schema;

/**
 * The members of the flow JSON that are not information elements: the record type marker and the
 * {@code ipfix:*} metadata of the message a record came in (ARCHITECTURE.md, "The flow record on the
 * wire"). Element members are keyed by {@link InformationElement#key()}.
 */
public final class FlowKeys {
    private FlowKeys() { }

    /** The record type member's key; its value is always {@link #TYPE_VALUE}. */
    public static final String TYPE = "@type";
    public static final String TYPE_VALUE = "ipfix.entry";
    /** 5, 9 or 10. */
    public static final String VERSION = "ipfix:version";
    /** The exporter's address as a string (dotted IPv4, RFC 5952 IPv6). */
    public static final String EXPORTER_ADDRESS = "ipfix:exporterAddress";
    public static final String EXPORTER_PORT = "ipfix:exporterPort";
    public static final String ODID = "ipfix:odid";
    public static final String TEMPLATE_ID = "ipfix:templateId";
    /** Epoch milliseconds. */
    public static final String EXPORT_TIME = "ipfix:exportTime";
    public static final String SEQ_NUMBER = "ipfix:seqNumber";
    /** Exporter uptime at export in ms (v5, v9 only). */
    public static final String SYS_UP_TIME = "ipfix:sysUpTime";
    /** {@code true} on records of an options template. */
    public static final String OPTIONS = "ipfix:options";
    /** The flow start the collector derived, epoch ms (also the key of the IANA element). */
    public static final String FLOW_START_MILLISECONDS = "iana:flowStartMilliseconds";
    /** The flow end the collector derived, epoch ms (also the key of the IANA element). */
    public static final String FLOW_END_MILLISECONDS = "iana:flowEndMilliseconds";
}
