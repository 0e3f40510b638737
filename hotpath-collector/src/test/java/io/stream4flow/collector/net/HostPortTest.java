package io.stream4flow.collector.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void hostPorts() {
        assertThat(HostPort.parse("127.0.0.1:9464")).isEqualTo(new HostPort("127.0.0.1", 9464));
        assertThat(HostPort.parse("[::1]:9464")).isEqualTo(new HostPort("::1", 9464));
        assertThat(HostPort.parse("[::1]:9464").toString()).isEqualTo("[::1]:9464");
        assertThat(HostPort.parse("collector-1.example.org:0")).isEqualTo(new HostPort("collector-1.example.org", 0));
        for (String bad : new String[] {"127.0.0.1", ":9464", "::1:9464", "[::1]", "host:port", "a b:1",
                "-bad.example:1", "1.2.3.256:1", "[1.2.3.4]:1", "h:123456", "h:65536", "http://h:1"}) {
            assertThatThrownBy(() -> HostPort.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void endpoints() {
        String form = "udp://HOST:PORT";
        assertThat(HostPort.endpoint("udp://0.0.0.0:4739", form, "udp")).isEqualTo(URI.create("udp://0.0.0.0:4739"));
        URI v6 = HostPort.endpoint("udp://[2001:db8::1]:2055", form, "udp");
        assertThat(HostPort.of(v6)).isEqualTo(new HostPort("2001:db8::1", 2055));
        assertThatThrownBy(() -> HostPort.endpoint("tcp://0.0.0.0:4739", form, "udp"))
                .hasMessage("'tcp://0.0.0.0:4739' is not udp://HOST:PORT");
        assertThatThrownBy(() -> HostPort.endpoint("UDP://0.0.0.0:4739", form, "udp")).hasMessageContaining("is not");
        assertThatThrownBy(() -> HostPort.endpoint("udp://0.0.0.0:4739/x", form, "udp")).hasMessageContaining("is not");
    }
}
