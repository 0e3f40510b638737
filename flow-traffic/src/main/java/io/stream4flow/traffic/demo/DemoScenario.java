package io.stream4flow.traffic.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo network and what happens in it: ordinary traffic of a small office (web, DNS, SSH,
 * NTP, ping, a public web server) and, once a minute, attacks on it, so every analysis has something to show
 * and the detections fire within the first minute.
 *
 * <p>The network is a /24 (by default 10.10.0.0/24; any IPv4 CIDR, its first 254 addresses are
 * used): {@code .2} is the DNS resolver, {@code .3} the public web server, {@code .4} the SSH
 * server, {@code .10}-{@code .59} workstations. Outside peers come from the documentation ranges
 * (RFC 5737), names from {@code example.*} (RFC 2606), so nothing here names a real host.
 *
 * <p>What a DNS-, HTTP- and TLS-aware probe adds to the ordinary flows ({@link DemoFlow#app()}): each DNS answer
 * carries its query name, type and response code ({@link #DOMAINS}, a few NXDOMAIN and SERVFAIL); each request to
 * port 80 its HTTP Host ({@link #HTTP_HOSTS}); each client's flow to port 443 the cipher suites of its ClientHello,
 * one list per client ({@link #tlsClient}: eight lists of the TLS classification dictionary and two that are in
 * no dictionary).
 *
 * <p>Attacks, in a cycle of {@link #CYCLE_MILLIS} that starts when the demo starts:
 * <ul>
 *   <li>from 3 s: a horizontal SYN scan from {@code 203.0.113.<66+cycle>} of port 22, 3389 or 445
 *       (by cycle) over every address of the network, 254 probes in 6 s;</li>
 *   <li>from 10 s: a SYN flood of the web server from 160 sources, 10 s ({@link DemoDdosAndDns});</li>
 *   <li>from 20 s: a vertical SYN scan from {@code 198.51.100.<199-cycle>} of ports 1-1024 of the web
 *       server, in 8 s;</li>
 *   <li>from 30 s: outside hosts using the resolver, 8 s ({@link DemoDdosAndDns});</li>
 *   <li>from 35 s: an SSH password-guessing run from {@code 192.0.2.45} against the SSH server, 40
 *       connections in 20 s, each 14-18 packets and about 2 KB from the client, 23-27 packets and about 3 KB back,
 *       10-14 s (the shape the pattern finder's bundled configuration knows as hydra's);</li>
 *   <li>from 38 s: the resolver reflecting amplified answers onto one outside host, 20 s
 *       ({@link DemoDdosAndDns});</li>
 *   <li>from 45 s: the workstation {@code .57} sending lookups to an outside resolver, 10 s; its ordinary lookups
 *       go there too ({@link DemoDdosAndDns}).</li>
 * </ul>
 * A probe of a scan is one SYN-only flow of one 44-byte packet. Without attacks, none of this runs and every
 * workstation uses the local resolver.
 *
 * <p>Not thread-safe; the random sequence is fixed by the seed, so a run can be repeated.
 */
public final class DemoScenario {
    public static final long CYCLE_MILLIS = 60_000;
    public static final long HORIZONTAL_AT = 3_000;
    public static final long HORIZONTAL_SPAN = 6_000;
    public static final long VERTICAL_AT = 20_000;
    public static final long VERTICAL_SPAN = 8_000;
    public static final long BRUTE_FORCE_AT = 35_000;
    public static final long BRUTE_FORCE_SPAN = 20_000;
    public static final int VERTICAL_PORTS = 1024;
    public static final int BRUTE_FORCE_ATTEMPTS = 40;
    private static final int[] HORIZONTAL_PORTS = {22, 3389, 445};
    /** The names the office looks up, the most popular first; the last three do not exist (NXDOMAIN). */
    public static final List<String> DOMAINS = List.of("www.example.com", "mail.example.org", "cdn.example.net",
            "intranet.example", "updates.example.org", "api.example.com", "news.example.net", "wiki.example",
            "printer.office.example", "old-host.example.net", "wpad.office.example");
    private static final int NX_DOMAINS = 3;
    /** The hosts of the office's plain HTTP requests. */
    public static final List<String> HTTP_HOSTS = List.of("www.example.com", "news.example.net",
            "downloads.example.org", "shop.example", "repo.example.com");
    /**
     * The cipher-suite lists of the TLS clients, one per client ({@link #tlsClient}). The first eight are in
     * the TLS classification dictionary (Windows MSIE, Linux Firefox, Android Chrome, iOS Safari, Mac OS X Safari,
     * Linux curl, Windows Firefox, a Windows application), the last two in none.
     */
    public static final List<DemoFlow.Tls> TLS_CLIENTS = List.of(
            tls(0x0004, 0x0005, 0x000a, 0x0009, 0x0064, 0x0062, 0x0003, 0x0006),
            tls(0x0033, 0x0032, 0x0039, 0x0038, 0x0016, 0x0013, 0x0066, 0x002f),
            tls(0x0035, 0xc013, 0xc009, 0xc014, 0xc00a, 0x0033, 0x0039, 0x0032),
            tls(0x002f, 0x0033, 0x0032, 0x0034),
            tls(0x002f, 0x0005, 0x0004, 0x0035, 0x000a, 0x0032, 0x0033, 0x0038),
            tls(0x0033, 0x0032, 0x0039, 0x0038, 0x0016, 0x0013, 0x002f, 0x0035),
            tls(0x002f, 0x0035, 0x0004, 0x0005, 0x000a, 0x0009, 0x0064, 0x0062),
            tls(0x0039, 0x0038, 0x0035, 0x0033, 0x0032, 0x002f, 0x0016, 0x0013),
            tls(0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c,
                    0x009d, 0x002f, 0x0035),
            tls(0x1302, 0x1303, 0x1301, 0xc02c, 0xc030, 0xc02b, 0xc02f));
    /** The known lists: the first {@value #KNOWN_TLS_CLIENTS} of {@link #TLS_CLIENTS}. */
    public static final int KNOWN_TLS_CLIENTS = 8;

    private final int network;
    private final long startMillis;
    private final boolean attacks;
    private final SplittableRandom random;
    private final int[] webServers = new int[40];
    private final DemoDdosAndDns ddosAndDns = new DemoDdosAndDns(this);

    /**
     * @param network the first address of the demo /24, int form of {@link DemoFlow}
     * @param startMillis when the demo starts (epoch ms): the attack cycle counts from here
     * @param attacks whether to add the attacks (false: ordinary traffic only)
     * @param seed the random seed
     */
    public DemoScenario(int network, long startMillis, boolean attacks, long seed) {
        this.network = network & 0xffffff00;
        this.startMillis = startMillis;
        this.attacks = attacks;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < webServers.length; i++) {
            webServers[i] = i % 2 == 0 ? DemoFlow.ipv4(198, 51, 100, 10 + i) : DemoFlow.ipv4(203, 0, 113, 10 + i);
        }
    }

    /** The address {@code .host} of the demo network. */
    public int host(int host) {
        return network + host;
    }

    /** Source of the horizontal scan of the cycle that begins at {@code cycle * CYCLE_MILLIS}. */
    public static int horizontalScanner(int cycle) {
        return DemoFlow.ipv4(203, 0, 113, 66 + cycle % 100);
    }

    /** Source of the vertical scan of the given cycle. */
    public static int verticalScanner(int cycle) {
        return DemoFlow.ipv4(198, 51, 100, 199 - cycle % 50);
    }

    /**
     * Adds to {@code out} every flow that ends in {@code [fromMillis, toMillis)}: ordinary flows at
     * {@code ratePerSecond} on average, plus the attack probes due in that span.
     */
    public void flows(long fromMillis, long toMillis, double ratePerSecond, List<DemoFlow> out) {
        long span = toMillis - fromMillis;
        if (span <= 0) {
            return;
        }
        double expected = ratePerSecond * span / 1000.0;
        long n = (long) expected + (random.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
        for (long i = 0; i < n; i++) {
            ordinary(fromMillis + random.nextLong(span), out);
        }
        if (attacks) {
            attacks(fromMillis, toMillis, out);
        }
    }

    private void ordinary(long end, List<DemoFlow> out) {
        int workstation = host(10 + random.nextInt(50));
        int kind = random.nextInt(100);
        if (kind < 50) {
            int server = webServers[random.nextInt(webServers.length)];
            int port = random.nextInt(5) == 0 ? 80 : 443;
            int eph = ephemeral();
            long pkts = 6 + random.nextInt(300);
            long duration = random.nextLong(15_000);
            DemoFlow.App app = port == 80 ? new DemoFlow.Http(HTTP_HOSTS.get(random.nextInt(HTTP_HOSTS.size())))
                    : tlsClient(workstation);
            out.add(new DemoFlow(workstation, server, eph, port, DemoFlow.TCP, 0x1b, pkts,
                    pkts * (52 + random.nextInt(120)), end - duration, end, app));
            long back = pkts + random.nextInt(200);
            out.add(new DemoFlow(server, workstation, port, eph, DemoFlow.TCP, 0x1b, back,
                    back * (400 + random.nextInt(1000)), end - duration, end));
        } else if (kind < 72) {
            boolean rogue = attacks && workstation == host(DemoDdosAndDns.ROGUE_HOST);
            lookup(workstation, rogue ? DemoDdosAndDns.OUTSIDE_RESOLVER : host(2), end, out);
        } else if (kind < 85) {
            int client = DemoFlow.ipv4(192, 0, 2, 100 + random.nextInt(150));
            int eph = ephemeral();
            long pkts = 5 + random.nextInt(60);
            long duration = random.nextLong(5_000);
            out.add(new DemoFlow(client, host(3), eph, 443, DemoFlow.TCP, 0x1b, pkts, pkts * 80,
                    end - duration, end, tlsClient(client)));
            out.add(new DemoFlow(host(3), client, 443, eph, DemoFlow.TCP, 0x1b, pkts + 5, (pkts + 5) * 1100,
                    end - duration, end));
        } else if (kind < 91) {
            long pkts = 30 + random.nextInt(2_000);
            long duration = random.nextLong(20_000);
            out.add(new DemoFlow(workstation, host(4), ephemeral(), 22, DemoFlow.TCP, 0x1b, pkts, pkts * 120,
                    end - duration, end));
        } else if (kind < 96) {
            out.add(new DemoFlow(workstation, DemoFlow.ipv4(203, 0, 113, 123), 123, 123, DemoFlow.UDP, 0, 1, 76,
                    end, end));
        } else {
            int target = webServers[random.nextInt(webServers.length)];
            long duration = random.nextLong(4_000);
            out.add(new DemoFlow(workstation, target, 0, 8 << 8, DemoFlow.ICMP, 0, 4, 336, end - duration, end));
        }
    }

    /**
     * One DNS lookup ending at {@code end}: the query (no DNS elements: the answer flow carries the transaction)
     * and the answer with its name, type and response code.
     */
    void lookup(int client, int resolver, long end, List<DemoFlow> out) {
        int eph = ephemeral();
        long d = random.nextLong(40);
        // the lesser of two draws: the first names are the most popular, the last (NXDOMAIN) the rarest
        int name = Math.min(random.nextInt(DOMAINS.size()), random.nextInt(DOMAINS.size()));
        int q = random.nextInt(10);
        int qtype = q < 6 ? 1 : q < 9 ? 28 : 15;
        int rcode = name >= DOMAINS.size() - NX_DOMAINS ? 3 : random.nextInt(50) == 0 ? 2 : 0;
        out.add(new DemoFlow(client, resolver, eph, 53, DemoFlow.UDP, 0, 1, 60 + random.nextInt(30), end - d, end - d));
        out.add(new DemoFlow(resolver, client, 53, eph, DemoFlow.UDP, 0, 1, 90 + random.nextInt(300), end, end,
                new DemoFlow.Dns(DOMAINS.get(name), qtype, rcode)));
    }

    private void attacks(long fromMillis, long toMillis, List<DemoFlow> out) {
        long firstCycle = Math.max(0, Math.floorDiv(fromMillis - startMillis, CYCLE_MILLIS));
        long lastCycle = Math.floorDiv(toMillis - 1 - startMillis, CYCLE_MILLIS);
        for (long c = firstCycle; c <= lastCycle; c++) {
            long base = startMillis + c * CYCLE_MILLIS;
            int cycle = (int) c;
            int hPort = HORIZONTAL_PORTS[cycle % HORIZONTAL_PORTS.length];
            for (int i = 0; i < 254; i++) {
                long t = base + HORIZONTAL_AT + HORIZONTAL_SPAN * i / 254;
                if (t >= fromMillis && t < toMillis) {
                    out.add(probe(horizontalScanner(cycle), host(1 + i), hPort, t));
                }
            }
            for (int p = 1; p <= VERTICAL_PORTS; p++) {
                long t = base + VERTICAL_AT + VERTICAL_SPAN * (p - 1) / VERTICAL_PORTS;
                if (t >= fromMillis && t < toMillis) {
                    out.add(probe(verticalScanner(cycle), host(3), p, t));
                }
            }
            for (int a = 0; a < BRUTE_FORCE_ATTEMPTS; a++) {
                long t = base + BRUTE_FORCE_AT + BRUTE_FORCE_SPAN * a / BRUTE_FORCE_ATTEMPTS;
                if (t >= fromMillis && t < toMillis) {
                    // a refused login as a guessing tool makes it, both directions (the server's answer 40 ms on)
                    int guesser = DemoFlow.ipv4(192, 0, 2, 45);
                    int eph = ephemeral();
                    long start = t - 10_000 - random.nextInt(4_000);
                    out.add(new DemoFlow(guesser, host(4), eph, 22, DemoFlow.TCP, 0x1b, 14 + random.nextInt(5),
                            1_800 + random.nextInt(400), start, t));
                    out.add(new DemoFlow(host(4), guesser, 22, eph, DemoFlow.TCP, 0x1b, 23 + random.nextInt(5),
                            3_000 + random.nextInt(400), start + 40, t));
                }
            }
            ddosAndDns.add(base, fromMillis, toMillis, out);
        }
    }

    private DemoFlow probe(int src, int dst, int port, long t) {
        return new DemoFlow(src, dst, 40_000 + random.nextInt(20_000), port, DemoFlow.TCP, DemoFlow.SYN, 1, 44, t, t);
    }

    /** The cipher suites {@code client} offers: list {@code (last octet) % 10} of {@link #TLS_CLIENTS}. */
    public static DemoFlow.Tls tlsClient(int client) {
        return TLS_CLIENTS.get((client & 0xff) % TLS_CLIENTS.size());
    }

    private static DemoFlow.Tls tls(int... suites) {
        return new DemoFlow.Tls(suites);
    }

    int ephemeral() {
        return 32_768 + random.nextInt(28_000);
    }
}
