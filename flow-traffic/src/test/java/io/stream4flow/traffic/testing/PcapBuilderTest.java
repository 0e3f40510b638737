package io.stream4flow.traffic.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PcapBuilderTest {

    @Test
    void tcp4HasItsFieldsAndChecksumsThatVerify() {
        byte[] payload = {1, 2, 3};
        byte[] ip = PcapBuilder.tcp4("10.0.0.1", 40000, "192.0.2.7", 22, 0xFFFFFFF0L, 7,
                PcapBuilder.TCP_PSH | PcapBuilder.TCP_ACK, payload);

        assertThat(ip).hasSize(20 + 20 + 3);
        assertThat(u16(ip, 2)).as("IP total length").isEqualTo(43);
        assertThat(ip[9]).as("protocol").isEqualTo((byte) 6);
        assertThat(sum(Arrays.copyOfRange(ip, 0, 20))).as("IP header sums to 0xFFFF").isEqualTo(0xFFFF);

        byte[] tcp = Arrays.copyOfRange(ip, 20, ip.length);
        assertThat(u16(tcp, 0)).isEqualTo(40000);
        assertThat(u16(tcp, 2)).isEqualTo(22);
        assertThat((long) u16(tcp, 4) << 16 | u16(tcp, 6)).as("sequence").isEqualTo(0xFFFFFFF0L);
        assertThat((long) u16(tcp, 8) << 16 | u16(tcp, 10)).as("acknowledgement").isEqualTo(7);
        assertThat(tcp[12] >>> 4).as("data offset (words)").isEqualTo(5);
        assertThat(tcp[13]).as("flags").isEqualTo((byte) 0x18);
        assertThat(Arrays.copyOfRange(tcp, 20, tcp.length)).isEqualTo(payload);

        byte[] pseudo = new byte[12 + tcp.length];
        System.arraycopy(ip, 12, pseudo, 0, 8); // source and destination
        pseudo[9] = 6;
        pseudo[10] = (byte) (tcp.length >>> 8);
        pseudo[11] = (byte) tcp.length;
        System.arraycopy(tcp, 0, pseudo, 12, tcp.length);
        assertThat(sum(pseudo)).as("pseudo-header and segment sum to 0xFFFF").isEqualTo(0xFFFF);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    /** Ones' complement sum of 16-bit words (an odd last byte padded with zero). */
    private static int sum(byte[] b) {
        int s = 0;
        for (int i = 0; i < b.length; i += 2) {
            s += (b[i] & 0xFF) << 8 | (i + 1 < b.length ? b[i + 1] & 0xFF : 0);
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return s;
    }
}
