package io.stream4flow.collector.decode;

/**
 * Every counter a decoder keeps, per exporter. Names ({@link #metricName()}) are stable: they
 * appear in the CLI summary, the metrics endpoint and the stats file.
 *
 * <p>Counters marked {@code error} count input that was rejected; the rest count what was
 * accepted or noticed.
 */
public enum DecodeCounter {
    // --- accepted ---
    MESSAGES("messages", false),
    DATA_RECORDS("data_records", false),
    OPTIONS_RECORDS("options_records", false),
    TEMPLATES("templates", false),
    OPTIONS_TEMPLATES("options_templates", false),
    TEMPLATE_REDEFINITIONS("template_redefinitions", false),
    TEMPLATE_WITHDRAWALS("template_withdrawals", false),
    TEMPLATES_EXPIRED("templates_expired", false),
    SAMPLING_ANNOUNCEMENTS("sampling_announcements", false),
    /** Data sets held because their template was not known yet. */
    HELD_SETS("held_sets", false),
    /** Records decoded later from held sets once their template arrived. */
    HELD_RECORDS_DECODED("held_records_decoded", false),
    /** Lost records (IPFIX, v5) or lost packets (v9) inferred from sequence numbers. */
    SEQUENCE_LOST("sequence_lost", false),
    /** Sequence numbers that went backwards or jumped too far to be loss (restart, reorder). */
    SEQUENCE_RESETS("sequence_resets", false),
    /** v9 header record count not equal to the records found (many exporters get it wrong). */
    V9_COUNT_DIFFERS("v9_count_differs", false),
    /** Sets with an id reserved by RFC 7011 (4-255), skipped. */
    RESERVED_SETS("reserved_sets", false),

    // --- rejected ---
    TRUNCATED_HEADER("truncated_header", true),
    UNSUPPORTED_VERSION("unsupported_version", true),
    /** IPFIX message length field smaller than the header or past the end of the datagram. */
    BAD_MESSAGE_LENGTH("bad_message_length", true),
    /** v5 record count of 0, above 30, or larger than the datagram holds. */
    V5_BAD_COUNT("v5_bad_count", true),
    /** v9 header count smaller than the number of flowsets (each flowset holds a record). */
    V9_COUNT_MISMATCH("v9_count_mismatch", true),
    SET_TOO_SHORT("set_length_too_short", true),
    SET_PAST_END("set_past_end", true),
    TEMPLATE_ZERO_FIELDS("template_zero_fields", true),
    TEMPLATE_TOO_MANY_FIELDS("template_too_many_fields", true),
    TEMPLATE_PAST_SET_END("template_past_set_end", true),
    /** A template id below 256, a scope count of 0 or above the field count, a zero-length record. */
    TEMPLATE_INVALID("template_invalid", true),
    /** Template or exporter-domain limits reached: the new template is dropped. */
    TEMPLATE_LIMIT("template_limit", true),
    /** A variable-length field or record running past the end of its set. */
    RECORD_PAST_SET_END("record_past_set_end", true),
    /** RFC 6313 list content that does not parse; the field is written as hex. */
    BAD_LIST("bad_list", true),
    /** Held data that was dropped when it grew past the byte bound of the exporter. */
    HELD_OVERFLOW("held_overflow", true),
    /** Held data whose template did not arrive within the age bound. */
    HELD_EXPIRED("held_expired", true),
    /** Data set whose template never came before the data could be held (holding disabled). */
    MISSING_TEMPLATE("missing_template", true);

    private final String metricName;
    private final boolean error;

    DecodeCounter(String metricName, boolean error) {
        this.metricName = metricName;
        this.error = error;
    }

    public String metricName() {
        return metricName;
    }

    public boolean isError() {
        return error;
    }

    static final DecodeCounter[] VALUES = values();
}
