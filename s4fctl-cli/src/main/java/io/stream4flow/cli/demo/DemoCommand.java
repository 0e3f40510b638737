package io.stream4flow.cli.demo;

import io.stream4flow.cli.Args;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.traffic.demo.DemoFlow;
import io.stream4flow.traffic.demo.DemoTraffic;
import io.stream4flow.schema.net.Cidr;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl demo [--to udp://HOST:PORT] [--rate N] [--local-net CIDR] [--no-attacks]
 * [--duration S]}: sends the built-in demo traffic ({@link DemoTraffic}) as IPFIX to a collector.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl demo --to udp://127.0.0.1:4739 --rate 200 --duration 300", sortOptions = false,
        description = {
            "Send generated IPFIX to a collector, live: ordinary traffic of a small network (with DNS, HTTP and TLS "
                    + "elements) and, every minute from the start, a horizontal and a vertical SYN scan, a SYN "
                    + "flood, SSH password guessing, its resolver answering outsiders and reflecting onto one, and a "
                    + "workstation using an outside resolver. Flow times are the wall clock.",
            "stderr: one line at the start, one at the end (flows, datagrams sent). Ctrl-C stops."})
public final class DemoCommand implements Callable<Integer> {
    public static final String DEFAULT_NET = "10.10.0.0/24";

    @Spec
    private CommandSpec spec;

    @Option(names = "--to", paramLabel = "udp://HOST:PORT", defaultValue = "udp://127.0.0.1:4739",
            description = "The collector's IPFIX UDP listener; default: ${DEFAULT-VALUE}.")
    private String to;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "500",
            description = "Ordinary traffic events per second (most are two flows: request and answer); "
                    + "default: ${DEFAULT-VALUE}.")
    private double rate;

    @Option(names = "--local-net", paramLabel = "CIDR", defaultValue = DEFAULT_NET,
            description = "The demo network, an IPv4 CIDR; its first 254 addresses are the hosts. "
                    + "Default: ${DEFAULT-VALUE}.")
    private String localNet;

    @Option(names = "--no-attacks", description = "Ordinary traffic only.")
    private boolean noAttacks;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this many seconds; 0: until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    private long duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed; default: ${DEFAULT-VALUE}.")
    private long seed;

    private final PrintStream err;

    public DemoCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        DemoTraffic.Options options = options();
        DemoTraffic demo = new DemoTraffic();
        err.println("demo: sending IPFIX to " + to + " for network " + localNet + ", " + rate
                + " events/s" + (noAttacks ? "" : ", attacks every minute from 3 s"));
        err.flush();
        try (GracefulStop stop = GracefulStop.install(demo::stop)) {
            DemoTraffic.Totals t = demo.run(options);
            err.println("demo: sent " + t.flows() + " flows in " + t.datagrams() + " datagrams");
        }
        return ExitCode.OK;
    }

    private DemoTraffic.Options options() {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new ParameterException(spec.commandLine(), "--rate: " + rate + " is not a number of events per second");
        }
        if (duration < 0) {
            throw new ParameterException(spec.commandLine(), "--duration: " + duration + " is negative");
        }
        return new DemoTraffic.Options(target(), rate, network(localNet, spec), !noAttacks, duration * 1000, seed);
    }

    /** The int form of an IPv4 CIDR's network address, or a parameter error naming {@code --local-net}. */
    static int network(String text, CommandSpec spec) {
        Cidr cidr = Args.network(spec, "--local-net", text);
        if (!fitsDemo(cidr)) {
            throw new ParameterException(spec.commandLine(), "--local-net: '" + text
                    + "' must be an IPv4 network of at least 254 addresses (prefix /24 or shorter) for the demo");
        }
        byte[] a = cidr.network();
        return DemoFlow.ipv4(a[0] & 0xff, a[1] & 0xff, a[2] & 0xff, a[3] & 0xff);
    }

    /** Whether the demo can use {@code network}: IPv4, /24 or larger (its hosts are the first 254 addresses). */
    public static boolean fitsDemo(Cidr network) {
        return network.ipv4() && network.prefixLength() <= 24;
    }

    private InetSocketAddress target() {
        return Args.udpTarget(spec, "--to", to);
    }
}
