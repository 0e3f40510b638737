package io.stream4flow.schema;

import java.util.Locale;

/**
 * Abstract data types of RFC 7012 section 3.1 (plus RFC 6313 list types), as named in the
 * {@code dataType} element of the definition files.
 *
 * <p>{@link #nominalLength()} is the encoded size of the type in bytes, or {@code -1} for types of
 * variable length. A field sent with fewer bytes than the nominal length of an integer type is
 * reduced-size encoded (RFC 7011 section 6.2) and decoded as such.
 */
public enum DataType {
    OCTET_ARRAY("octetArray", -1),
    UNSIGNED8("unsigned8", 1),
    UNSIGNED16("unsigned16", 2),
    UNSIGNED32("unsigned32", 4),
    UNSIGNED64("unsigned64", 8),
    SIGNED8("signed8", 1),
    SIGNED16("signed16", 2),
    SIGNED32("signed32", 4),
    SIGNED64("signed64", 8),
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    BOOLEAN("boolean", 1),
    MAC_ADDRESS("macAddress", 6),
    STRING("string", -1),
    DATE_TIME_SECONDS("dateTimeSeconds", 4),
    DATE_TIME_MILLISECONDS("dateTimeMilliseconds", 8),
    DATE_TIME_MICROSECONDS("dateTimeMicroseconds", 8),
    DATE_TIME_NANOSECONDS("dateTimeNanoseconds", 8),
    IPV4_ADDRESS("ipv4Address", 4),
    IPV6_ADDRESS("ipv6Address", 16),
    BASIC_LIST("basicList", -1),
    SUB_TEMPLATE_LIST("subTemplateList", -1),
    SUB_TEMPLATE_MULTI_LIST("subTemplateMultiList", -1),
    /** An element with no definition: its value is written as hex. */
    UNKNOWN("unknown", -1);

    private final String xmlName;
    private final int nominalLength;

    DataType(String xmlName, int nominalLength) {
        this.xmlName = xmlName;
        this.nominalLength = nominalLength;
    }

    public String xmlName() {
        return xmlName;
    }

    /** Encoded size in bytes, or -1 when the type has no fixed size. */
    public int nominalLength() {
        return nominalLength;
    }

    public boolean isUnsigned() {
        return this == UNSIGNED8 || this == UNSIGNED16 || this == UNSIGNED32 || this == UNSIGNED64;
    }

    public boolean isSigned() {
        return this == SIGNED8 || this == SIGNED16 || this == SIGNED32 || this == SIGNED64;
    }

    public boolean isList() {
        return this == BASIC_LIST || this == SUB_TEMPLATE_LIST || this == SUB_TEMPLATE_MULTI_LIST;
    }

    /**
     * Parses the name used in the definition files, case-insensitively.
     *
     * @return the type, or {@code null} when the name is not a known data type
     */
    public static DataType fromXml(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DataType t : values()) {
            if (t.xmlName.toLowerCase(Locale.ROOT).equals(n)) {
                return t;
            }
        }
        return null;
    }
}
