package io.stream4flow.schema.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void aBareAddressIsAHostNetwork() {
        assertThat(Cidr.parse("10.0.0.1")).isEqualTo(Cidr.parse("10.0.0.1/32"));
        assertThat(Cidr.parse("10.0.0.1").prefixLength()).isEqualTo(32);
        assertThat(Cidr.parse("2001:db8::1").prefixLength()).isEqualTo(128);
        assertThat(Cidr.parse("10.0.0.1").contains("10.0.0.1")).isTrue();
        assertThat(Cidr.parse("10.0.0.1").contains("10.0.0.2")).isFalse();
        assertThat(Cidr.parse("10.0.0.1").size()).isEqualTo(1);
        assertThat(Cidr.parse("10.10.0.0/24").size()).isEqualTo(256);
        assertThat(Cidr.parse("::/0").size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void badTextIsRefusedInOneLineQuotingIt() {
        assertThatThrownBy(() -> Cidr.parse("nonsense")).hasMessage("'nonsense' is not a CIDR (IPv4 or IPv6 address, "
                + "optional /LENGTH)");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).hasMessageContaining("bad prefix length (0-32)");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1")).hasMessageContaining("bad prefix length");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("bad prefix length (0-32)");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::/129")).hasMessageContaining("bad prefix length (0-128)");
        assertThatThrownBy(() -> Cidr.parse("10.1.0.0/8")).hasMessage("'10.1.0.0/8' has host bits set (did you mean "
                + "10.0.0.0/8?)");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::1/32"))
                .hasMessageContaining("host bits set (did you mean 2001:db8:0:0:0:0:0:0/32?)");
        assertThatThrownBy(() -> Cidr.parse("localhost")).hasMessageContaining("is not a CIDR");
        assertThat(Cidr.parse(" 10.0.0.0/8 ")).isEqualTo(Cidr.parse("10.0.0.0/8"));
    }

    @Test
    void containsMatchesThePrefixBitsOfItsFamilyOnly() {
        List<Cidr> nets = Cidr.parseList("10.0.0.0/8, 192.168.1.0/25,,2001:db8::/33");
        assertThat(nets).hasSize(3);
        assertThat(nets.get(0).contains("10.255.0.1")).isTrue();
        assertThat(nets.get(0).contains("11.0.0.1")).isFalse();
        assertThat(nets.get(1).contains("192.168.1.127")).isTrue();
        assertThat(nets.get(1).contains("192.168.1.128")).isFalse();
        assertThat(nets.get(2).contains("2001:db8:7fff::1")).isTrue();
        assertThat(nets.get(2).contains("2001:db8:8000::1")).isFalse();
        assertThat(nets.get(0).contains("::ffff:10.0.0.1")).as("IPv6 form of an IPv4 address").isFalse();
        assertThat(nets.get(0).contains((String) null)).isFalse();
        assertThat(nets.get(0).contains("10.0.0.256")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThatThrownBy(() -> Cidr.parseList("10.0.0.0/8,10.0.0.0/40")).hasMessageContaining("'10.0.0.0/40'");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Cidr c = Cidr.parse("2001:db8::/32");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(c);
        }
    }
}
