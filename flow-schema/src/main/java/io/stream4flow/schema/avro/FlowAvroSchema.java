package io.stream4flow.schema.avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * The Avro schema of a flow record, {@code io.stream4flow.FlowRecord}, bundled as {@value #RESOURCE}:
 * the typed {@link FlowColumn}s in their order, then {@value FlowColumn#SOURCES} (long) and
 * {@value FlowColumn#FIELDS} (map of string to JSON text). One definition for the collector (which
 * writes it), the CLI (which reads it back) and the cluster ({@code from_avro} with {@link #json()}).
 *
 * <p>On Kafka each message is a block of records ({@link FlowBlock}) in Avro binary encoding, without a
 * container or schema id;
 * in files the records are in an Avro object container file, which names the schema itself.
 */
public final class FlowAvroSchema {
    /** The classpath resource holding the schema. */
    public static final String RESOURCE = "/io/stream4flow/schema/avro/flow-record.avsc";
    /** The first bytes of an Avro object container file: {@code Obj} and version 1. */
    private static final byte[] CONTAINER_MAGIC = {'O', 'b', 'j', 1};

    private static final Schema SCHEMA = load();
    /** Position of {@value FlowColumn#SOURCES} in the record. */
    public static final int SOURCES_POSITION = FlowColumn.count();
    /** Position of {@value FlowColumn#FIELDS} in the record. */
    public static final int FIELDS_POSITION = FlowColumn.count() + 1;

    private FlowAvroSchema() { }

    private static Schema load() {
        try (InputStream in = FlowAvroSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Schema schema() {
        return SCHEMA;
    }

    /** The schema as JSON text, for {@code from_avro} and other readers. */
    public static String json() {
        return SCHEMA.toString();
    }

    /** True when {@code b[0, len)} begins like an Avro object container file. */
    public static boolean isContainer(byte[] b, int len) {
        if (len < CONTAINER_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < CONTAINER_MAGIC.length; i++) {
            if (b[i] != CONTAINER_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A reader of flow records with this schema that keeps the {@value FlowColumn#FIELDS} map in the
     * order written (Avro's generic reader makes a hash map). Not thread-safe.
     */
    public static GenericDatumReader<GenericRecord> newReader() {
        return new GenericDatumReader<>(SCHEMA) {
            @Override
            protected Object newMap(Object old, int size) {
                if (old instanceof LinkedHashMap<?, ?> m) {
                    m.clear();
                    return m;
                }
                return new LinkedHashMap<>(Math.max(16, size * 2));
            }
        };
    }

    /** The {@value FlowColumn#FIELDS} map of a record read by {@link #newReader()}. */
    @SuppressWarnings("unchecked")
    public static Map<CharSequence, CharSequence> fields(GenericRecord r) {
        return (Map<CharSequence, CharSequence>) r.get(FIELDS_POSITION);
    }
}
