package io.stream4flow.schema.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class FlowBlockTest {

    @Test
    void aBlockIsAnAvroArrayOfFlowRecordsThatAvrosOwnReaderReads() throws IOException {
        for (int n : new int[] {1, 63, 64, 200, 9000}) { // counts of one, two and three varint bytes
            GenericRecord sample = FlowAvroSchemaTest.sample();
            byte[] one = FlowAvroSchemaTest.binary(sample);
            byte[] block = FlowBlock.of(Collections.nCopies(n, one));
            assertThat(block).hasSize(FlowBlock.headerLength(n) + n * one.length + FlowBlock.TRAILER_LENGTH);
            assertThat(FlowBlock.records(block)).isEqualTo(n);
            List<GenericRecord> read = new GenericDatumReader<List<GenericRecord>>(FlowBlock.schema())
                    .read(null, DecoderFactory.get().binaryDecoder(block, null));
            assertThat(read).as("%d records", n).hasSize(n).allSatisfy(r -> assertThat(text(r)).isEqualTo(text(sample)));
        }
        assertThat(FlowBlock.headerLength(63)).isEqualTo(1);
        assertThat(FlowBlock.headerLength(64)).isEqualTo(2);
        assertThat(FlowBlock.headerLength(9000)).isEqualTo(3);
    }

    /** The record as text, its map sorted (Avro's generic reader makes a hash map). */
    private static String text(GenericRecord r) {
        Map<String, String> fields = new TreeMap<>();
        FlowAvroSchema.fields(r).forEach((k, v) -> fields.put(k.toString(), v.toString()));
        GenericRecord copy = new GenericData.Record(FlowAvroSchema.schema());
        for (int i = 0; i < FlowAvroSchema.FIELDS_POSITION; i++) {
            copy.put(i, r.get(i));
        }
        copy.put(FlowAvroSchema.FIELDS_POSITION, fields);
        return copy.toString();
    }

    @Test
    void eachRecordOfABlockRendersAsItsFlowJson() throws IOException {
        byte[] one = FlowAvroSchemaTest.binary(FlowAvroSchemaTest.sample());
        byte[] block = FlowBlock.of(List.of(one, one, one));
        FlowAvroJson avro = new FlowAvroJson();
        List<String> json = new ArrayList<>();
        for (GenericRecord r : avro.readBlock(block, 0, block.length)) {
            json.add(avro.json(r).toString());
        }
        assertThat(json).containsExactly(FlowAvroSchemaTest.SAMPLE_JSON, FlowAvroSchemaTest.SAMPLE_JSON,
                FlowAvroSchemaTest.SAMPLE_JSON);
    }

    @Test
    void aTruncatedBlockOrOneWithBytesLeftOverIsAnError() throws IOException {
        byte[] one = FlowAvroSchemaTest.binary(FlowAvroSchemaTest.sample());
        byte[] block = FlowBlock.of(List.of(one, one));
        FlowAvroJson avro = new FlowAvroJson();
        byte[] cut = Arrays.copyOf(block, block.length - 5);
        byte[] longer = Arrays.copyOf(block, block.length + 2);
        assertThatThrownBy(() -> avro.readBlock(cut, 0, cut.length)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> avro.readBlock(longer, 0, longer.length)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> FlowBlock.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(FlowBlock.records(new byte[] {0})).isEqualTo(-1);
        assertThat(FlowBlock.records("{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(-1);
    }
}
