package io.stream4flow.collector.decode;

import static io.stream4flow.traffic.packet.PacketWriter.ipfix;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.schema.DataType;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.FieldValues;
import io.stream4flow.schema.InformationElement;
import io.stream4flow.traffic.packet.PacketWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListWalkerTest {
    private static final ElementRegistry REGISTRY = ElementRegistry.bundled();

    /** Writes what the walker hands over as text: [ ... ], values, records as {template: values}. */
    private static final class Events implements ListWalker.Visitor {
        final List<String> seen = new ArrayList<>();

        @Override
        public void beginList() {
            seen.add("[");
        }

        @Override
        public void element(InformationElement e, byte[] b, int off, int len, int depth) {
            String value = len <= 8 ? Long.toString(FieldValues.readUnsigned(b, off, len)) : len + " bytes";
            seen.add(e.name() + "=" + value + "@" + depth);
        }

        @Override
        public void record(Template t, byte[] b, int[] o, int[] l, int depth) {
            StringBuilder s = new StringBuilder("{" + t.id() + ":");
            for (int i = 0; i < t.fieldCount(); i++) {
                s.append(' ').append(FieldValues.readUnsigned(b, o[i], l[i]));
            }
            seen.add(s.append("}@").append(depth).toString());
        }

        @Override
        public void endList() {
            seen.add("]");
        }
    }

    private final DecoderHarness h = new DecoderHarness();
    private final ListWalker walker = new ListWalker(REGISTRY, 8, 2);
    private final Events events = new Events();

    @Test
    void basicListValues() {
        // semantic 3 (allOf), destinationTransportPort (11), length 2
        byte[] b = new PacketWriter().u8(3).u16(11).u16(2).u16(80).u16(443).build();
        assertThat(walker.walk(null, DataType.BASIC_LIST, b, 0, b.length, 0, events)).isTrue();
        assertThat(events.seen).containsExactly("[", "destinationTransportPort=80@1",
                "destinationTransportPort=443@1", "]");
        assertThat(walker.badLists()).isZero();
    }

    @Test
    void variableLengthValuesTakeTheThreeBytePrefixFrom255() {
        // interfaceName (82), variable length: a 2-byte value, then one of 300 bytes
        byte[] b = new PacketWriter().u8(3).u16(82).u16(0xFFFF).u8(2).u16(0x6574).u8(255).u16(300).zeros(300).build();
        assertThat(walker.walk(null, DataType.BASIC_LIST, b, 0, b.length, 0, events)).isTrue();
        assertThat(events.seen).containsExactly("[", "interfaceName=25972@1", "interfaceName=300 bytes@1", "]");
        byte[] cut = new PacketWriter().u8(3).u16(82).u16(0xFFFF).u8(255).u8(1).build();
        assertThat(walker.walk(null, DataType.BASIC_LIST, cut, 0, cut.length, 0, events)).isFalse();
    }

    @Test
    void subTemplateMultiListRecordsOfEachTemplate() {
        h.feed(ipfix(1, 1000, 0).set(2).template(271, 8, 4).template(273, 7, 2, 11, 2).endSet().ipfixMessage());
        DomainState d = h.exporter.existingDomain(10, 1);
        byte[] b = new PacketWriter().u8(3)
                .u16(271).u16(4 + 8).ip(0, 0, 0, 1).ip(0, 0, 0, 2)
                .u16(273).u16(4 + 4).u16(53).u16(1024).build();
        assertThat(walker.walk(d, DataType.SUB_TEMPLATE_MULTI_LIST, b, 0, b.length, 0, events)).isTrue();
        assertThat(events.seen).containsExactly("[", "{271: 1}@1", "{271: 2}@1", "{273: 53 1024}@1", "]");
    }

    @Test
    void contentThatDoesNotParseIsCountedOnceHereAndOnTheExporter() {
        walker.exporter(h.exporter);
        byte[] cut = new PacketWriter().u8(3).u16(11).u16(2).u16(80).u8(1).build();
        assertThat(walker.walk(null, DataType.BASIC_LIST, cut, 0, cut.length, 0, events)).isFalse();
        byte[] unknownTemplate = new PacketWriter().u8(3).u16(999).u32(1).build();
        assertThat(walker.walk(null, DataType.SUB_TEMPLATE_LIST, unknownTemplate, 0, unknownTemplate.length, 0,
                events)).isFalse();
        byte[] fine = new PacketWriter().u8(3).u16(11).u16(2).u16(80).build();
        assertThat(walker.walk(null, DataType.BASIC_LIST, fine, 0, fine.length, 2, events))
                .as("nested deeper than maxListDepth").isFalse();
        assertThat(walker.badLists()).isEqualTo(3);
        assertThat(h.exporter.counter(DecodeCounter.BAD_LIST)).isEqualTo(3);
    }
}
