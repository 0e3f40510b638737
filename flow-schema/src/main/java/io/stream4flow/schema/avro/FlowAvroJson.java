package io.stream4flow.schema.avro;

import io.stream4flow.schema.FlowKeys;
import io.stream4flow.schema.JsonBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Renders Avro flow records ({@link FlowAvroSchema}) as the flow JSON the collector's JSON encoder
 * writes for the same record: the same members with the same values, byte for byte, but not always in
 * the same order. The order is: {@code @type} and the header members as the JSON encoder writes them,
 * then the {@value FlowColumn#FIELDS} map in its order, then the nullable columns in schema order,
 * each under the key of the source that filled it; the JSON encoder interleaves the column members with
 * the others in template order, which the Avro record does not keep.
 *
 * <p>Off the hot path (the CLI, tests). Not thread-safe: one instance per thread.
 */
public final class FlowAvroJson {
    private final GenericDatumReader<GenericRecord> reader = FlowAvroSchema.newReader();
    private final JsonBuffer out = new JsonBuffer(1024);
    private BinaryDecoder decoder;
    private GenericRecord reuse;

    /**
     * Decodes one record in Avro binary encoding (a Kafka message value).
     *
     * @return the record, reused by the next call
     * @throws IOException when the bytes are not a flow record (truncated, another schema)
     */
    public GenericRecord read(byte[] b, int off, int len) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(b, off, len, decoder);
        reuse = reader.read(reuse, decoder);
        if (!decoder.isEnd()) {
            throw new IOException("bytes left after a flow record of " + len + " bytes");
        }
        return reuse;
    }

    /**
     * Decodes a block of records ({@link FlowBlock}: a Kafka message of the Avro output).
     *
     * @return the records, in order
     * @throws IOException when the bytes are not such a block (truncated, another schema, bytes left over)
     */
    public List<GenericRecord> readBlock(byte[] b, int off, int len) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(b, off, len, decoder);
        List<GenericRecord> out = new ArrayList<>();
        for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
            for (long i = 0; i < n; i++) {
                out.add(reader.read(null, decoder));
            }
        }
        if (!decoder.isEnd()) {
            throw new IOException("bytes left after a block of " + out.size() + " flow records in " + len + " bytes");
        }
        return out;
    }

    /** The flow JSON of one record in Avro binary encoding, in this instance's buffer (valid until the next call). */
    public JsonBuffer json(byte[] b, int off, int len) throws IOException {
        return json(read(b, off, len));
    }

    /** The flow JSON of {@code r}, in this instance's buffer (valid until the next call). */
    public JsonBuffer json(GenericRecord r) {
        JsonBuffer j = out;
        j.reset();
        j.beginObject();
        j.key(FlowKeys.TYPE).string(FlowKeys.TYPE_VALUE);
        j.key(FlowKeys.VERSION).number(integer(r, FlowColumn.VERSION));
        j.key(FlowKeys.EXPORTER_ADDRESS);
        address(j, (ByteBuffer) r.get(FlowColumn.EXPORTER.ordinal()));
        j.key(FlowKeys.EXPORTER_PORT).number(integer(r, FlowColumn.EXPORTER_PORT));
        j.key(FlowKeys.ODID).number(integer(r, FlowColumn.ODID));
        j.key(FlowKeys.TEMPLATE_ID).number(integer(r, FlowColumn.TEMPLATE_ID));
        j.key(FlowKeys.EXPORT_TIME).number(integer(r, FlowColumn.EXPORT_TIME));
        j.key(FlowKeys.SEQ_NUMBER).number(integer(r, FlowColumn.SEQ_NUMBER));
        for (Map.Entry<CharSequence, CharSequence> e : FlowAvroSchema.fields(r).entrySet()) {
            j.key(e.getKey().toString());
            utf8(j, e.getValue());
        }
        long sources = (Long) r.get(FlowAvroSchema.SOURCES_POSITION);
        for (int i = 0; i < FlowColumn.count(); i++) {
            FlowColumn c = FlowColumn.of(i);
            Object v = r.get(i);
            if (c.header() || v == null) {
                continue;
            }
            int source = (int) (sources >>> c.sourceShift()) & ((1 << FlowColumn.SOURCE_BITS) - 1);
            j.key(c.sources().get(Math.min(source, c.sources().size() - 1)));
            switch (c.kind()) {
                case ADDRESS -> address(j, (ByteBuffer) v);
                case STRING -> j.string(v.toString());
                default -> j.number(((Number) v).longValue());
            }
        }
        j.endObject();
        return j;
    }

    /**
     * Writes each record of an Avro object container file of flow records as one line of flow JSON.
     *
     * @return the number of records
     * @throws IOException when the input is not such a file or ends early, or writing fails
     */
    public long containerToJsonLines(InputStream in, OutputStream lines) throws IOException {
        long n = 0;
        try (DataFileStream<GenericRecord> records = new DataFileStream<>(in, reader)) {
            GenericRecord r = null;
            while (records.hasNext()) {
                r = records.next(r);
                JsonBuffer j = json(r);
                lines.write(j.array(), 0, j.length());
                lines.write('\n');
                n++;
            }
        }
        return n;
    }

    private static long integer(GenericRecord r, FlowColumn c) {
        return ((Number) r.get(c.ordinal())).longValue();
    }

    private static void utf8(JsonBuffer j, CharSequence jsonText) {
        if (jsonText instanceof Utf8 u) {
            j.raw(u.getBytes(), u.getByteLength());
        } else {
            j.raw(jsonText.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void address(JsonBuffer j, ByteBuffer a) {
        byte[] b = new byte[a.remaining()];
        a.duplicate().get(b);
        j.address(b, 0, b.length);
    }
}
