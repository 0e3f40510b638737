package io.stream4flow.collector.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.schema.net.IpLiterals;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterAllowlistTest {

    static byte[] ip(String literal) {
        return IpLiterals.parse(literal);
    }

    @Test
    void anEmptyListAllowsEveryone() {
        ExporterAllowlist all = ExporterAllowlist.of(List.of());

        assertThat(all.allowsAll()).isTrue();
        assertThat(all.allows(ip("203.0.113.9"))).isTrue();
        assertThat(all.allows(ip("2001:db8::1"))).isTrue();
        assertThat(all.allows(new byte[3])).isTrue();
    }

    @Test
    void ipv4Networks() {
        ExporterAllowlist a = ExporterAllowlist.of(List.of("10.0.0.0/8", "192.0.2.1/32", "198.51.100.128/25", "172.16.5.5"));

        assertThat(a.allows(ip("10.0.0.0"))).isTrue();
        assertThat(a.allows(ip("10.255.255.255"))).isTrue();
        assertThat(a.allows(ip("11.0.0.0"))).isFalse();
        assertThat(a.allows(ip("9.255.255.255"))).isFalse();
        assertThat(a.allows(ip("192.0.2.1"))).isTrue();
        assertThat(a.allows(ip("192.0.2.2"))).isFalse();
        assertThat(a.allows(ip("198.51.100.128"))).isTrue();
        assertThat(a.allows(ip("198.51.100.255"))).isTrue();
        assertThat(a.allows(ip("198.51.100.127"))).isFalse();
        assertThat(a.allows(ip("172.16.5.5"))).isTrue();
        assertThat(a.allows(ip("172.16.5.4"))).isFalse();
        assertThat(a.allows(ip("2001:db8::1"))).isFalse();
        assertThat(a.allowsIpv4(0x0a010203)).isTrue();
    }

    @Test
    void ipv6NetworksOnBothSidesOfBit64() {
        ExporterAllowlist a = ExporterAllowlist.of(List.of("2001:db8::/32", "fd00:1:2:3:4::/80", "::1/128"));

        assertThat(a.allows(ip("2001:db8::"))).isTrue();
        assertThat(a.allows(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(a.allows(ip("2001:db9::"))).isFalse();
        assertThat(a.allows(ip("fd00:1:2:3:4:ffff:1:1"))).isTrue();
        assertThat(a.allows(ip("fd00:1:2:3:5::"))).isFalse();
        assertThat(a.allows(ip("::1"))).isTrue();
        assertThat(a.allows(ip("::2"))).isFalse();
        assertThat(a.allows(ip("10.0.0.1"))).isFalse();
        assertThat(a.allows(new byte[5])).isFalse();
    }

    @Test
    void zeroLengthPrefixesMatchTheirWholeFamily() {
        ExporterAllowlist v4 = ExporterAllowlist.of(List.of("0.0.0.0/0"));
        assertThat(v4.allows(ip("203.0.113.1"))).isTrue();
        assertThat(v4.allows(ip("2001:db8::1"))).isFalse();

        ExporterAllowlist v6 = ExporterAllowlist.of(List.of("::/0"));
        assertThat(v6.allows(ip("2001:db8::1"))).isTrue();
        assertThat(v6.allows(ip("203.0.113.1"))).isFalse();
    }

    @Test
    void ipv4MappedAddressesOfADualStackSocketMatchIpv4Networks() {
        ExporterAllowlist a = ExporterAllowlist.of(List.of("192.0.2.0/24"));

        assertThat(a.allows(ip("::ffff:192.0.2.77"))).isTrue();
        assertThat(a.allows(ip("::ffff:192.0.3.77"))).isFalse();
        assertThat(a.allows(ip("::192.0.2.77"))).isFalse();     // IPv4-compatible (deprecated) is not mapped
    }

    @Test
    void everyPrefixLengthSplitsWhereItShould() {
        for (int len = 1; len <= 128; len++) {
            ExporterAllowlist a = ExporterAllowlist.of(List.of("::/" + len));
            byte[] lastBitThatMustMatch = new byte[16];
            lastBitThatMustMatch[(len - 1) / 8] = (byte) (0x80 >>> ((len - 1) % 8));
            assertThat(a.allows(lastBitThatMustMatch)).as("::/%d, bit %d set", len, len - 1).isFalse();
            if (len < 128) {
                byte[] firstFreeBit = new byte[16];
                firstFreeBit[len / 8] = (byte) (0x80 >>> (len % 8));
                assertThat(a.allows(firstFreeBit)).as("::/%d, bit %d set", len, len).isTrue();
            }
        }
        for (int len = 1; len <= 32; len++) {
            ExporterAllowlist a = ExporterAllowlist.of(List.of("0.0.0.0/" + len));
            assertThat(a.allowsIpv4(0x80000000 >>> (len - 1))).as("0.0.0.0/%d, bit %d set", len, len - 1).isFalse();
            if (len < 32) {
                assertThat(a.allowsIpv4(0x80000000 >>> len)).as("0.0.0.0/%d, bit %d set", len, len).isTrue();
            }
        }
    }

    @Test
    void badEntriesAreRefusedWithTheText() {
        assertThatThrownBy(() -> ExporterAllowlist.of(List.of("10.0.0.0/8", "nonsense")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'nonsense' is not a CIDR");
    }
}
