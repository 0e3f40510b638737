package io.stream4flow.schema.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class FlowAvroSchemaTest {
    private static final Schema SCHEMA = FlowAvroSchema.schema();

    @Test
    void theBundledSchemaHasTheColumnsInOrderThenSourcesAndFields() {
        assertThat(SCHEMA.getFullName()).isEqualTo("io.stream4flow.FlowRecord");
        List<Schema.Field> fields = SCHEMA.getFields();
        assertThat(fields).hasSize(FlowColumn.count() + 2);
        for (FlowColumn c : FlowColumn.values()) {
            Schema.Field f = fields.get(c.ordinal());
            assertThat(f.name()).as(c.toString()).isEqualTo(c.avroName());
            Schema t = f.schema();
            if (!c.header()) {
                assertThat(t.getType()).as(c + " nullable").isEqualTo(Schema.Type.UNION);
                assertThat(t.getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
                t = t.getTypes().get(1);
            }
            Schema.Type want = switch (c.kind()) {
                case ADDRESS -> Schema.Type.BYTES;
                case INT -> Schema.Type.INT;
                case LONG, TIMESTAMP -> Schema.Type.LONG;
                case STRING -> Schema.Type.STRING;
            };
            assertThat(t.getType()).as(c.toString()).isEqualTo(want);
            assertThat(t.getLogicalType()).as(c + " logical type")
                    .isEqualTo(c.kind() == FlowColumn.Kind.TIMESTAMP ? LogicalTypes.timestampMillis() : null);
        }
        assertThat(fields.get(FlowAvroSchema.SOURCES_POSITION).name()).isEqualTo(FlowColumn.SOURCES);
        assertThat(fields.get(FlowAvroSchema.FIELDS_POSITION).name()).isEqualTo(FlowColumn.FIELDS);
        assertThat(fields.get(FlowAvroSchema.FIELDS_POSITION).schema().getValueType().getType())
                .isEqualTo(Schema.Type.STRING);
    }

    @Test
    void aJsonKeyFindsItsColumnAndPlaceAmongTheSources() {
        assertThat(FlowColumn.slot("iana:packetTotalCount"))
                .isEqualTo(FlowColumn.PACKETS.ordinal() << FlowColumn.SOURCE_BITS | 1);
        assertThat(FlowColumn.slot("ipfix:odid")).isEqualTo(FlowColumn.ODID.ordinal() << FlowColumn.SOURCE_BITS);
        assertThat(FlowColumn.slot("iana:ipVersion")).isEqualTo(FlowColumn.IP_VERSION.ordinal() << FlowColumn.SOURCE_BITS);
        assertThat(FlowColumn.slot("iana:flowEndReason")).isEqualTo(-1);
        assertThat(FlowColumn.FLOW_START.sourceShift()).isZero();
        assertThat(FlowColumn.TLS_CIPHER_SUITES.sourceShift()).isEqualTo(2 * (FlowColumn.count() - 8));
        assertThat(FlowColumn.EXPORTER.sourceShift()).isEqualTo(-1);
    }

    static GenericRecord sample() {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("exporter", ByteBuffer.wrap(new byte[] {10, 0, 0, 1}));
        r.put("exporter_port", 2055);
        r.put("odid", 7L);
        r.put("template_id", 256);
        r.put("export_time", 1_700_000_000_000L);
        r.put("seq_number", 42L);
        r.put("version", 9);
        r.put("src_ip", ByteBuffer.wrap(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        r.put("packets", 3L);
        r.put("http_host", "example.org");
        r.put("sources", 1L << FlowColumn.SRC_IP.sourceShift() | 1L << FlowColumn.PACKETS.sourceShift());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ipfix:sysUpTime", "1000");
        fields.put("iana:ipVersion", "6");
        fields.put("cesnet:list", "[1,\"a\"]");
        r.put("fields", fields);
        return r;
    }

    static final String SAMPLE_JSON = "{\"@type\":\"ipfix.entry\",\"ipfix:version\":9,\"ipfix:exporterAddress\":\"10.0.0.1\","
            + "\"ipfix:exporterPort\":2055,\"ipfix:odid\":7,\"ipfix:templateId\":256,\"ipfix:exportTime\":1700000000000,"
            + "\"ipfix:seqNumber\":42,\"ipfix:sysUpTime\":1000,\"iana:ipVersion\":6,\"cesnet:list\":[1,\"a\"],"
            + "\"iana:sourceIPv6Address\":\"2001:db8::1\",\"iana:packetTotalCount\":3,\"flowmon:httpHost\":\"example.org\"}";

    static byte[] binary(GenericRecord r) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(b, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA).write(r, e);
        e.flush();
        return b.toByteArray();
    }

    @Test
    void rendersARecordAsFlowJsonWithEachColumnUnderTheKeyOfItsSource() throws IOException {
        byte[] b = binary(sample());
        assertThat(new FlowAvroJson().json(b, 0, b.length).toString()).isEqualTo(SAMPLE_JSON);
    }

    @Test
    void bytesLeftAfterARecordAreAnError() throws IOException {
        byte[] b = binary(sample());
        byte[] longer = java.util.Arrays.copyOf(b, b.length + 3);
        assertThatThrownBy(() -> new FlowAvroJson().read(longer, 0, longer.length)).isInstanceOf(IOException.class);
    }

    @Test
    void rendersEachRecordOfAContainerFileAsOneLine() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
            w.create(SCHEMA, file);
            w.append(sample());
            w.append(sample());
        }
        byte[] b = file.toByteArray();
        assertThat(FlowAvroSchema.isContainer(b, b.length)).isTrue();
        assertThat(FlowAvroSchema.isContainer("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 7)).isFalse();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        long n = new FlowAvroJson().containerToJsonLines(new ByteArrayInputStream(b), lines);
        assertThat(n).isEqualTo(2);
        assertThat(lines.toString(StandardCharsets.UTF_8)).isEqualTo(SAMPLE_JSON + "\n" + SAMPLE_JSON + "\n");
    }
}
