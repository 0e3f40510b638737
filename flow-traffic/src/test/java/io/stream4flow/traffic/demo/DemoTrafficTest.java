package io.stream4flow.traffic.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {
    private static final long START = 1_790_000_000_000L;

    @Test
    void oneCycleHoldsEveryAttackOnceAndOrdinaryTrafficAtTheRate() {
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), START, true, 7);
        List<DemoFlow> flows = new ArrayList<>();
        for (long t = START; t < START + DemoScenario.CYCLE_MILLIS; t += 100) {
            scenario.flows(t, t + 100, 200, flows);
        }
        int h = DemoScenario.horizontalScanner(0);
        int v = DemoScenario.verticalScanner(0);
        List<DemoFlow> horizontal = flows.stream().filter(f -> f.src() == h).toList();
        List<DemoFlow> vertical = flows.stream().filter(f -> f.src() == v).toList();
        assertThat(horizontal).hasSize(254).allMatch(f -> f.tcpFlags() == DemoFlow.SYN && f.dstPort() == 22);
        assertThat(horizontal.stream().map(DemoFlow::dst).collect(Collectors.toSet())).hasSize(254);
        assertThat(vertical).hasSize(DemoScenario.VERTICAL_PORTS)
                .allMatch(f -> f.tcpFlags() == DemoFlow.SYN && f.dst() == scenario.host(3));
        assertThat(vertical.stream().map(DemoFlow::dstPort).collect(Collectors.toSet()))
                .hasSize(DemoScenario.VERTICAL_PORTS);
        long bruteForce = flows.stream().filter(f -> f.src() == DemoFlow.ipv4(192, 0, 2, 45)).count();
        assertThat(bruteForce).isEqualTo(DemoScenario.BRUTE_FORCE_ATTEMPTS);
        Set<Integer> floodSources = new HashSet<>();
        for (int i = 0; i < DemoDdosAndDns.FLOOD_SOURCES; i++) {
            floodSources.add(DemoDdosAndDns.floodSource(i));
        }
        List<DemoFlow> flood = flows.stream().filter(f -> floodSources.contains(f.src())).toList();
        long slots = DemoDdosAndDns.FLOOD_SPAN / DemoDdosAndDns.FLOOD_SLOT;
        assertThat(flood).hasSize((int) (DemoDdosAndDns.FLOOD_SOURCES * slots))
                .allMatch(f -> f.dst() == scenario.host(3) && f.tcpFlags() == DemoFlow.SYN);
        // well over 1,000 packets a second over the flood, and over a 1-minute window
        long floodPackets = flood.stream().mapToLong(DemoFlow::packets).sum();
        assertThat(floodPackets * 1000 / DemoDdosAndDns.FLOOD_SPAN).isGreaterThan(10_000);
        assertThat(floodPackets / 60).isGreaterThan(2_000);
        long backscatter = flows.stream().filter(f -> floodSources.contains(f.dst()) && f.src() == scenario.host(3)
                && f.tcpFlags() == (DemoFlow.SYN | DemoFlow.ACK)).count();
        assertThat(backscatter).isEqualTo(flood.size());
        List<DemoFlow> answers = flows.stream().filter(f -> f.src() == scenario.host(2)
                && f.dst() == DemoDdosAndDns.REFLECTION_VICTIM).toList();
        List<DemoFlow> queries = flows.stream().filter(f -> f.dst() == scenario.host(2)
                && f.src() == DemoDdosAndDns.REFLECTION_VICTIM).toList();
        long reflected = answers.stream().mapToLong(DemoFlow::bytes).sum();
        assertThat(reflected).isGreaterThan(2_000_000);
        assertThat(reflected).isGreaterThanOrEqualTo(40 * queries.stream().mapToLong(DemoFlow::bytes).sum());
        long openResolver = flows.stream().filter(f -> f.src() == scenario.host(2) && f.srcPort() == 53
                && (f.dst() >>> 8) == DemoFlow.ipv4(192, 0, 2, 0) >>> 8 && f.dst() != DemoDdosAndDns.REFLECTION_VICTIM)
                .count();
        assertThat(openResolver).isEqualTo(DemoDdosAndDns.OPEN_RESOLVER_CLIENTS * DemoDdosAndDns.OPEN_RESOLVER_LOOKUPS);
        List<DemoFlow> external = flows.stream().filter(f -> f.dst() == DemoDdosAndDns.OUTSIDE_RESOLVER).toList();
        assertThat(external).hasSizeGreaterThan(DemoDdosAndDns.EXTERNAL_LOOKUPS)
                .allMatch(f -> f.src() == scenario.host(DemoDdosAndDns.ROGUE_HOST) && f.dstPort() == 53);
        assertThat(flows.stream().filter(f -> f.dstPort() == 53 && f.src() == scenario.host(DemoDdosAndDns.ROGUE_HOST)))
                .allMatch(f -> f.dst() == DemoDdosAndDns.OUTSIDE_RESOLVER);
        // ordinary: 200 events a second over 60 s, most of them two flows (request and answer); the
        // outside resolver's share counted with them
        long ordinary = flows.size() - 254 - DemoScenario.VERTICAL_PORTS - bruteForce - 2L * flood.size()
                - answers.size() - queries.size() - 2 * openResolver - external.size();
        assertThat(ordinary).isBetween(12_000L * 14 / 10, 12_000L * 2);
        // no ordinary flow is a SYN-only probe: scans and the flood stand out
        assertThat(flows.stream().filter(f -> f.tcpFlags() == DemoFlow.SYN).count())
                .isEqualTo(254 + DemoScenario.VERTICAL_PORTS + flood.size());
        assertThat(flows).allMatch(f -> f.startMillis() <= f.endMillis() && f.packets() >= 1);
    }

    @Test
    void ordinaryFlowsCarryDnsHttpAndTlsElementsOfTheirKind() {
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), START, false, 7);
        List<DemoFlow> flows = new ArrayList<>();
        scenario.flows(START, START + 20_000, 100, flows);
        List<DemoFlow> dns = flows.stream().filter(f -> f.app() instanceof DemoFlow.Dns).toList();
        assertThat(dns).isNotEmpty().allMatch(f -> f.srcPort() == 53 && f.protocol() == DemoFlow.UDP);
        assertThat(dns.stream().map(f -> ((DemoFlow.Dns) f.app()).rcode()).collect(Collectors.toSet()))
                .contains(0, 3);
        // the query flows carry nothing: each transaction is counted once
        assertThat(flows.stream().filter(f -> f.dstPort() == 53)).isNotEmpty().allMatch(f -> f.app() == null);
        assertThat(flows.stream().filter(f -> f.app() instanceof DemoFlow.Http)).isNotEmpty()
                .allMatch(f -> f.dstPort() == 80);
        List<DemoFlow> tls = flows.stream().filter(f -> f.app() instanceof DemoFlow.Tls).toList();
        assertThat(tls).isNotEmpty().allMatch(f -> f.dstPort() == 443);
        Set<String> lists = tls.stream().map(f -> ((DemoFlow.Tls) f.app()).text()).collect(Collectors.toSet());
        assertThat(lists).hasSize(DemoScenario.TLS_CLIENTS.size());
        // every plain-template kind stays plain: SSH, NTP, ping and the server's answers
        assertThat(flows.stream().filter(f -> f.dstPort() == 22 || f.protocol() == DemoFlow.ICMP || f.srcPort() == 443))
                .isNotEmpty().allMatch(f -> f.app() == null);
    }

    @Test
    void messagesOfEveryTemplateStayUnderTheirLength() {
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), START, true, 7);
        List<DemoFlow> flows = new ArrayList<>();
        scenario.flows(START, START + DemoScenario.CYCLE_MILLIS, 100, flows);
        DemoMessages writer = new DemoMessages(1);
        Set<Integer> setIds = new HashSet<>();
        for (int i = 0; i < flows.size(); i += DemoMessages.MAX_RECORDS) {
            ByteBuffer m = writer.message(flows, i, START + i);
            assertThat(m.remaining()).isLessThanOrEqualTo(DemoMessages.MAX_MESSAGE_LENGTH);
            assertThat(m.getShort(2) & 0xffff).isEqualTo(m.remaining());
            for (int at = 16; at < m.remaining(); at += m.getShort(at + 2) & 0xffff) {
                setIds.add(m.getShort(at) & 0xffff);
            }
        }
        assertThat(setIds).containsExactlyInAnyOrder(2, DemoMessages.TEMPLATE_ID, DemoMessages.DNS_TEMPLATE_ID,
                DemoMessages.HTTP_TEMPLATE_ID, DemoMessages.TLS_TEMPLATE_ID);
        assertThat(writer.sequence()).isEqualTo(flows.size());
    }

    @Test
    void withoutAttacksNoScanner() {
        DemoScenario scenario = new DemoScenario(DemoFlow.ipv4(10, 10, 0, 0), START, false, 7);
        List<DemoFlow> flows = new ArrayList<>();
        scenario.flows(START, START + DemoScenario.CYCLE_MILLIS, 50, flows);
        assertThat(flows).isNotEmpty().noneMatch(f -> f.tcpFlags() == DemoFlow.SYN);
    }

    @Test
    void sendsOverUdpForTheGivenDuration() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            receiver.configureBlocking(false);
            DemoTraffic demo = new DemoTraffic();
            DemoTraffic.Totals totals = demo.run(new DemoTraffic.Options(
                    (InetSocketAddress) receiver.getLocalAddress(), 300, DemoFlow.ipv4(10, 10, 0, 0), true, 1_000, 1));
            ByteBuffer in = ByteBuffer.allocate(65536);
            Set<Integer> versions = new HashSet<>();
            long datagrams = 0;
            while (receiver.receive(in.clear()) != null) {
                versions.add((int) in.getShort(0));
                datagrams++;
            }
            assertThat(totals.flows()).isGreaterThan(300);
            assertThat(datagrams).isEqualTo(totals.datagrams());
            assertThat(versions).containsExactly(10);
        }
    }
}
