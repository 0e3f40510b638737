package io.stream4flow.schema;

import io.stream4flow.schema.avro.FlowColumn;
import java.nio.charset.StandardCharsets;

/**
 * One information element: its identity (enterprise number, element id), its name in the flow
 * JSON and its data type. Immutable; created when definitions are loaded or, for elements with no
 * definition, when a template first names them (never per record).
 *
 * <p>The JSON key is {@code <scope>:<name>} ({@code iana:octetDeltaCount}), {@code
 * <scope>@reverse:<name>} for a biflow reverse element, and {@code en<PEN>:id<ID>} for an element
 * with no definition.
 */
public final class InformationElement {
    private final long pen;
    private final int id;
    private final String scope;
    private final String name;
    private final DataType dataType;
    private final boolean reverse;
    private final boolean defined;
    private final String key;
    private final byte[] jsonKey;
    private final byte[] memberKey;
    /** {@link FlowColumn#slot} of the key, looked up once (the encoders need it per record). */
    private final int columnSlot;

    InformationElement(long pen, int id, String scope, String name, DataType dataType,
                       boolean reverse, boolean defined) {
        this.pen = pen;
        this.id = id;
        this.scope = scope;
        this.name = name;
        this.dataType = dataType;
        this.reverse = reverse;
        this.defined = defined;
        this.key = defined ? scope + (reverse ? "@reverse:" : ":") + name : name;
        this.jsonKey = ('"' + key + "\":").getBytes(StandardCharsets.UTF_8);
        this.memberKey = (",\"" + key + "\":").getBytes(StandardCharsets.UTF_8);
        this.columnSlot = FlowColumn.slot(key);
    }

    /** The Avro column this element's key feeds and its place among the column's sources ({@link FlowColumn#slot}). */
    public int columnSlot() {
        return columnSlot;
    }

    /** An element with no definition; its key is {@code en<PEN>:id<ID>}. */
    static InformationElement unknown(long pen, int id) {
        return new InformationElement(pen, id, "en" + pen, "en" + pen + ":id" + id,
                DataType.UNKNOWN, false, false);
    }

    /** Private enterprise number as sent (0 for IANA; 29305 for IANA reverse elements). */
    public long pen() {
        return pen;
    }

    /** Element id without the enterprise bit. */
    public int id() {
        return id;
    }

    /** Scope name of the definition file ({@code iana}, {@code cert}, ...). */
    public String scope() {
        return scope;
    }

    /** Element name without scope ({@code octetDeltaCount}); for unknown elements the whole key. */
    public String name() {
        return name;
    }

    public DataType dataType() {
        return dataType;
    }

    /** True for a biflow reverse-direction element (RFC 5103). */
    public boolean isReverse() {
        return reverse;
    }

    /** False for an element no definition file names. */
    public boolean isDefined() {
        return defined;
    }

    /** The key in the flow JSON. */
    public String key() {
        return key;
    }

    /** The key encoded as JSON with quotes and colon, ready to copy into an output buffer. */
    public byte[] jsonKey() {
        return jsonKey;
    }

    /** The key with the comma that separates it from a preceding member: {@code ,"name":}. */
    public byte[] memberKey() {
        return memberKey;
    }

    @Override
    public String toString() {
        return key + "(" + pen + "/" + id + ", " + dataType.xmlName() + ")";
    }
}
