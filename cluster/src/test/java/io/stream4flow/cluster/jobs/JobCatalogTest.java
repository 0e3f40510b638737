package io.stream4flow.cluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.schema.net.Cidr;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JobCatalogTest {

    private final JobCatalog catalog = JobCatalog.builtIn();

    @Test
    void namesDefaultsAndOutputs() {
        assertThat(catalog.all()).extracting(JobDefinition::name)
                .containsExactly("protocols", "hosts", "topn", "portscan", "ssh_bruteforce",
                        "dns_external_resolver", "dns_open_resolver", "reflected_ddos",
                        "ddos", "dns", "tls", "host_profile", "pattern_finder");
        assertThat(catalog.defaults(false)).extracting(JobDefinition::name)
                .containsExactly("protocols", "topn", "portscan");
        assertThat(catalog.defaults(true)).hasSize(4);
        assertThat(catalog.get("portscan").output()).isEqualTo(OutputKind.ALERTS);
        assertThat(catalog.get("topn").output().indexPrefix()).isEqualTo("s4f-stats-");
    }

    @Test
    void defaultsAndOverrides() {
        JobParams p = catalog.get("portscan").params(Map.of("window", "2m"));
        assertThat(p.duration("window")).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.duration("watermark")).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.integer("min-targets")).isEqualTo(20);
        assertThat(p.interval("window")).isEqualTo("120000 milliseconds");
        assertThat(catalog.get("protocols").params(Map.of("window", "500ms")).duration("window"))
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void badInputIsOneLineNamingJobAndKey() {
        assertThatThrownBy(() -> catalog.get("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown job nope (known: protocols, hosts, topn, portscan, ssh_bruteforce, "
                        + "dns_external_resolver, dns_open_resolver, reflected_ddos, ddos, dns, tls, "
                        + "host_profile, pattern_finder)");
        assertThatThrownBy(() -> catalog.get("topn").params(Map.of("top", "3")))
                .hasMessage("job topn: unknown parameter top (known: n, watermark, window)");
        assertThatThrownBy(() -> catalog.get("topn").params(Map.of("n", "0")))
                .hasMessage("job topn: parameter n: expected a positive integer, got '0'");
        assertThatThrownBy(() -> catalog.get("protocols").params(Map.of("window", "ten")))
                .hasMessage("job protocols: parameter window: expected a duration like 500ms, 10s, 2m or 1h,"
                        + " got 'ten'");
    }

    @Test
    void cidrsMatchIpv4AndIpv6AndNeverNames() {
        CidrMatcher m = new CidrMatcher(java.util.List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.0/25"),
                Cidr.parse("2001:db8::/33")));
        assertThat(m.call("10.255.0.1")).isTrue();
        assertThat(m.call("11.0.0.1")).isFalse();
        assertThat(m.call("192.168.1.127")).isTrue();
        assertThat(m.call("192.168.1.128")).isFalse();
        assertThat(m.call("2001:db8:7fff::1")).isTrue();
        assertThat(m.call("2001:db8:8000::1")).isFalse();
        assertThat(m.call("localhost")).isFalse();
        assertThat(m.call("10.0.0.256")).isFalse();
        assertThat(m.call(null)).isFalse();
    }

    @Test
    void localNetworksFollowTheOneRuleOfEveryPart() {
        assertThat(catalog.get("hosts").params(Map.of(HostsJob.LOCAL_NET, "10.0.0.1")).cidrs(HostsJob.LOCAL_NET))
                .containsExactly(Cidr.parse("10.0.0.1/32"));
        assertThatThrownBy(() -> catalog.get("hosts").params(Map.of(HostsJob.LOCAL_NET, "10.0.0.1/8")))
                .hasMessageContaining("'10.0.0.1/8' has host bits set (did you mean 10.0.0.0/8?)");
    }
}
