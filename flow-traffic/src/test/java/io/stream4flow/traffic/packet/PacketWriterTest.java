package io.stream4flow.traffic.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PacketWriterTest {
    @Test
    void ipfixMessageWithTemplateOptionsTemplateAndDataSets() {
        byte[] m = PacketWriter.ipfix(7, 1_700_000_000L, 42)
                .set(2).template(256, 8, 4, 2, 8).endSet()
                .set(3).optionsTemplate(257, 1, 143, 4, 305, 4).endSet()
                .set(256).ip(192, 0, 2, 1).u64(5).zeros(3).endSet()
                .ipfixMessage();
        ByteBuffer b = ByteBuffer.wrap(m);
        assertThat(b.getShort(0)).isEqualTo((short) 10);
        assertThat(b.getShort(2)).isEqualTo((short) m.length);
        assertThat(b.getInt(4)).isEqualTo(1_700_000_000);
        assertThat(b.getInt(8)).isEqualTo(42);
        assertThat(b.getInt(12)).isEqualTo(7);
        // template set: 4 + 4 + 2 fields * 4
        assertThat(b.getShort(16)).isEqualTo((short) 2);
        assertThat(b.getShort(18)).isEqualTo((short) 16);
        assertThat(b.getShort(20)).isEqualTo((short) 256);
        assertThat(b.getShort(22)).isEqualTo((short) 2);
        // options template set: 4 + 6 + 2 fields * 4, scope count 1
        assertThat(b.getShort(32)).isEqualTo((short) 3);
        assertThat(b.getShort(34)).isEqualTo((short) 18);
        assertThat(b.getShort(40)).isEqualTo((short) 1);
        // data set: 4 + 4 + 8 + 3 padding
        assertThat(b.getShort(50)).isEqualTo((short) 256);
        assertThat(b.getShort(52)).isEqualTo((short) 19);
        assertThat(b.getInt(54)).isEqualTo(0xC0000201);
        assertThat(b.getLong(58)).isEqualTo(5);
        assertThat(m).hasSize(69);
    }

    @Test
    void netflowHeaders() {
        ByteBuffer v5 = ByteBuffer.wrap(PacketWriter.v5(2, 9_000, 1_600_000_000L, 123, 77, 1, 2, 0x4064).build());
        assertThat(v5.remaining()).isEqualTo(24);
        assertThat(v5.getShort(0)).isEqualTo((short) 5);
        assertThat(v5.getShort(2)).isEqualTo((short) 2);
        assertThat(v5.getInt(4)).isEqualTo(9_000);
        assertThat(v5.getInt(8)).isEqualTo(1_600_000_000);
        assertThat(v5.getInt(12)).isEqualTo(123);
        assertThat(v5.getInt(16)).isEqualTo(77);
        assertThat(v5.get(20)).isEqualTo((byte) 1);
        assertThat(v5.get(21)).isEqualTo((byte) 2);
        assertThat(v5.getShort(22)).isEqualTo((short) 0x4064);
        ByteBuffer v9 = ByteBuffer.wrap(PacketWriter.v9(3, 9_000, 1_600_000_000L, 5, 6).build());
        assertThat(v9.remaining()).isEqualTo(20);
        assertThat(v9.getShort(0)).isEqualTo((short) 9);
        assertThat(v9.getInt(16)).isEqualTo(6);
    }

    @Test
    void nestedSetsEndInnermostFirst() {
        byte[] m = new PacketWriter().set(1).u8(0).set(2).u16(0).endSet().endSet().build();
        assertThat(m).containsExactly(0, 1, 0, 11, 0, 0, 2, 0, 6, 0, 0);
        assertThatThrownBy(() -> new PacketWriter().endSet()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resetReusesTheBufferAndBufferViewsTheBytesWritten() {
        PacketWriter w = new PacketWriter(16);
        w.ipfixHeader(1, 2, 3).zeros(100).endIpfix();
        assertThat(w.buffer().remaining()).isEqualTo(116);
        ByteBuffer second = w.reset().ipfixHeader(1, 2, 4).u32(0xFFFF_FFFFL).endIpfix().buffer();
        assertThat(second.position()).isZero();
        assertThat(second.remaining()).isEqualTo(20);
        assertThat(second.getShort(2)).isEqualTo((short) 20);
        assertThat(second.getInt(8)).isEqualTo(4);
        assertThat(second.getInt(16)).isEqualTo(-1);
        assertThat(w.buffer()).isSameAs(second);
    }
}
