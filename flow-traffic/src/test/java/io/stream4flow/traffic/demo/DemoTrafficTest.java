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
        // ordinary: 200 events a second over 60 s, most of them two flows (request and answer)
        long ordinary = flows.size() - 254 - DemoScenario.VERTICAL_PORTS - bruteForce;
        assertThat(ordinary).isBetween(12_000L * 14 / 10, 12_000L * 2);
        // no ordinary flow is a SYN-only probe: scans stand out
        assertThat(flows.stream().filter(f -> f.tcpFlags() == DemoFlow.SYN).count())
                .isEqualTo(254 + DemoScenario.VERTICAL_PORTS);
        assertThat(flows).allMatch(f -> f.startMillis() <= f.endMillis() && f.packets() >= 1);
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
