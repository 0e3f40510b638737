package io.stream4flow.traffic.demo;

import java.util.List;

/**
 * The demo's floods and DNS abuse, once a {@link DemoScenario#CYCLE_MILLIS} cycle, timed from the cycle's start:
 * <ul>
 *   <li>{@code ddos}, from {@value #FLOOD_AT} ms for {@value #FLOOD_SPAN} ms: a TCP SYN flood against port 443 of
 *       the public web server {@code .3} from {@value #FLOOD_SOURCES} outside sources ({@link #floodSource}), each
 *       sending one flow of {@value #FLOOD_PACKETS_PER_FLOW} SYN-only packets every {@value #FLOOD_SLOT} ms:
 *       15,200 packets a second, exactly one 10 s window of the cycle (the ddos job's default window), far above
 *       the server's normal rate of its visitors; the server's SYN-ACK backscatter (one flow per attack flow, SYN
 *       and ACK set) goes out to the sources;</li>
 *   <li>{@code dns_open_resolver}, from {@value #OPEN_RESOLVER_AT} ms for {@value #OPEN_RESOLVER_SPAN} ms:
 *       {@value #OPEN_RESOLVER_CLIENTS} outside hosts ({@code 192.0.2.1} on) look up names at the resolver
 *       {@code .2}, {@value #OPEN_RESOLVER_LOOKUPS} lookups each, and get their answers;</li>
 *   <li>{@code reflected_ddos}, from {@value #REFLECTION_AT} ms for {@value #REFLECTION_SPAN} ms: queries for
 *       {@code ANY} record of {@code example.org} with the spoofed source {@link #REFLECTION_VICTIM} reach the
 *       resolver {@code .2}, {@value #REFLECTION_PORTS} flows of {@value #REFLECTION_QUERIES} 70-byte queries a
 *       second, each answered with three fragments of 1,200 bytes: 3.6 MB onto the victim, 51 times the queries;</li>
 *   <li>{@code dns_external_resolver}, from {@value #EXTERNAL_AT} ms for {@value #EXTERNAL_SPAN} ms: the workstation
 *       {@code .}{@value #ROGUE_HOST} sends {@value #EXTERNAL_LOOKUPS} lookups to the outside resolver
 *       {@link #OUTSIDE_RESOLVER}; {@link DemoScenario} sends its ordinary lookups there too.</li>
 * </ul>
 * Outside addresses are all from the documentation ranges (RFC 5737), names under {@code example.*} (RFC 2606).
 *
 * <p>Not thread-safe; draws from the scenario's random sequence (ports, answer sizes, names).
 */
public final class DemoDdosAndDns {
    public static final long FLOOD_AT = 10_000;
    public static final long FLOOD_SPAN = 10_000;
    public static final long FLOOD_SLOT = 2_000;
    public static final int FLOOD_SOURCES = 160;
    public static final int FLOOD_PACKETS_PER_FLOW = 190;
    public static final int FLOOD_PORT = 443;
    public static final long OPEN_RESOLVER_AT = 30_000;
    public static final long OPEN_RESOLVER_SPAN = 8_000;
    public static final int OPEN_RESOLVER_CLIENTS = 12;
    public static final int OPEN_RESOLVER_LOOKUPS = 2;
    public static final long REFLECTION_AT = 38_000;
    public static final long REFLECTION_SPAN = 20_000;
    public static final int REFLECTION_PORTS = 5;
    public static final int REFLECTION_QUERIES = 10;
    public static final int REFLECTION_QUERY_BYTES = 70;
    public static final int REFLECTION_ANSWER_BYTES = 3 * 1_200;
    public static final long EXTERNAL_AT = 45_000;
    public static final long EXTERNAL_SPAN = 10_000;
    public static final int EXTERNAL_LOOKUPS = 25;
    /** The workstation ({@code .57}) whose lookups go to {@link #OUTSIDE_RESOLVER}. */
    public static final int ROGUE_HOST = 57;
    /** {@code 203.0.113.53}: the outside resolver of the rogue workstation. */
    public static final int OUTSIDE_RESOLVER = DemoFlow.ipv4(203, 0, 113, 53);
    /** {@code 192.0.2.80}: the outside host the reflected answers flood. */
    public static final int REFLECTION_VICTIM = DemoFlow.ipv4(192, 0, 2, 80);

    private static final DemoFlow.Dns AMPLIFIED = new DemoFlow.Dns("example.org", 255, 0);

    private final DemoScenario scenario;

    DemoDdosAndDns(DemoScenario scenario) {
        this.scenario = scenario;
    }

    /** Source {@code i} (0 to {@value #FLOOD_SOURCES} - 1) of the flood: 198.51.100.50-149, 203.0.113.166-225. */
    public static int floodSource(int i) {
        return i < 100 ? DemoFlow.ipv4(198, 51, 100, 50 + i) : DemoFlow.ipv4(203, 0, 113, 166 + i - 100);
    }

    /** Outside client {@code i} of the open resolver: 192.0.2.1 on. */
    public static int openResolverClient(int i) {
        return DemoFlow.ipv4(192, 0, 2, 1 + i);
    }

    /** Adds the flows of the cycle that starts at {@code base} that end in {@code [from, to)}. */
    void add(long base, long from, long to, List<DemoFlow> out) {
        int server = scenario.host(3);
        int resolver = scenario.host(2);
        for (long slot = 0; slot < FLOOD_SPAN / FLOOD_SLOT; slot++) {
            long end = base + FLOOD_AT + (slot + 1) * FLOOD_SLOT - 1;
            if (end >= from && end < to) {
                for (int i = 0; i < FLOOD_SOURCES; i++) {
                    int port = scenario.ephemeral();
                    long start = end - FLOOD_SLOT + 1;
                    out.add(new DemoFlow(floodSource(i), server, port, FLOOD_PORT, DemoFlow.TCP, DemoFlow.SYN,
                            FLOOD_PACKETS_PER_FLOW, FLOOD_PACKETS_PER_FLOW * 60L, start, end));
                    out.add(new DemoFlow(server, floodSource(i), FLOOD_PORT, port, DemoFlow.TCP,
                            DemoFlow.SYN | DemoFlow.ACK, FLOOD_PACKETS_PER_FLOW, FLOOD_PACKETS_PER_FLOW * 60L, start,
                            end));
                }
            }
        }
        int lookups = OPEN_RESOLVER_CLIENTS * OPEN_RESOLVER_LOOKUPS;
        for (int k = 0; k < lookups; k++) {
            long t = base + OPEN_RESOLVER_AT + OPEN_RESOLVER_SPAN * k / lookups;
            if (t >= from && t < to) {
                scenario.lookup(openResolverClient(k % OPEN_RESOLVER_CLIENTS), resolver, t, out);
            }
        }
        for (long s = 0; s < REFLECTION_SPAN / 1_000; s++) {
            long end = base + REFLECTION_AT + (s + 1) * 1_000 - 1;
            if (end >= from && end < to) {
                for (int p = 0; p < REFLECTION_PORTS; p++) {
                    int port = scenario.ephemeral();
                    out.add(new DemoFlow(REFLECTION_VICTIM, resolver, port, 53, DemoFlow.UDP, 0, REFLECTION_QUERIES,
                            REFLECTION_QUERIES * REFLECTION_QUERY_BYTES, end - 999, end - 2));
                    out.add(new DemoFlow(resolver, REFLECTION_VICTIM, 53, port, DemoFlow.UDP, 0,
                            3L * REFLECTION_QUERIES, (long) REFLECTION_QUERIES * REFLECTION_ANSWER_BYTES,
                            end - 998, end, AMPLIFIED));
                }
            }
        }
        for (int k = 0; k < EXTERNAL_LOOKUPS; k++) {
            long t = base + EXTERNAL_AT + EXTERNAL_SPAN * k / EXTERNAL_LOOKUPS;
            if (t >= from && t < to) {
                scenario.lookup(scenario.host(ROGUE_HOST), OUTSIDE_RESOLVER, t, out);
            }
        }
    }
}
