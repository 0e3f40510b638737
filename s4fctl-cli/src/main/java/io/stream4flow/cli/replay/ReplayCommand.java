package io.stream4flow.cli.replay;

import io.stream4flow.cli.Args;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.output.Progress;
import io.stream4flow.traffic.replay.ReplayInput;
import io.stream4flow.traffic.replay.Replayer;
import io.stream4flow.traffic.replay.Replayer.Options;
import io.stream4flow.traffic.replay.Replayer.Result;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl replay FILE... [--to udp://HOST:PORT] [--rate N/s | --speed X] [--loop N]}: sends
 * exporter payloads to a collector; the work is {@link Replayer}'s.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl replay --to udp://127.0.0.1:4739 --rate 10k/s --loop 100 export.pcap", sortOptions = false,
        description = {
            "Send exporter payloads to a collector over UDP, for tests, demos and benchmarks.",
            "A capture (pcap, pcapng) sends each of its UDP payloads; any other file is a raw payload "
                    + "file and is sent whole as one datagram. All from one socket, in the order given.",
            "stderr: one line at the end: datagrams and bytes sent, seconds, rate. Ctrl-C stops early "
                    + "(the line is still printed)."})
public final class ReplayCommand implements Callable<Integer> {
    static final String DEFAULT_TARGET = "udp://127.0.0.1:4739";
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([kM]?)(?:/s)?");
    private static final Pattern SPEED = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)x?");

    @Spec
    private CommandSpec spec;

    @Option(names = "--to", paramLabel = "udp://HOST:PORT", defaultValue = DEFAULT_TARGET,
            description = "Where to send; default: ${DEFAULT-VALUE}.")
    private String to;

    @Option(names = "--rate", paramLabel = "N/s",
            description = "Datagrams per second (e.g. 1000/s, 100k/s); default: as fast as possible.")
    private String rate;

    @Option(names = "--speed", paramLabel = "X",
            description = "Replay captures with their own timing, X times as fast (2: twice, 0.5: half). "
                    + "Raw files have no timing and go at once.")
    private String speed;

    @Option(names = "--loop", paramLabel = "N", defaultValue = "1",
            description = "Send the whole input N times; 0: until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    private long loops;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture or raw payload file.")
    private List<Path> files;

    private final PrintStream err;

    public ReplayCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        Args.readableFiles(spec, files);
        Options options = new Options(target(), rate(), speed(), loops());
        ReplayInput input;
        try {
            input = ReplayInput.files(files);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Replayer replayer = new Replayer(options, note -> err.println("s4fctl: " + note));
        Result r;
        try (GracefulStop stop = GracefulStop.install(replayer::stop);
                Progress progress = Progress.start(err, "replay", " datagrams", replayer::sent,
                        () -> replayer.datagramsPerPass() * options.loops())) {
            r = replayer.replay(input);
        }
        try {
            err.println(summary(r));
            return r.unreadable() > 0 ? ExitCode.REJECTED : ExitCode.OK;
        } finally {
            err.flush();
        }
    }

    String summary(Result r) {
        return String.format(Locale.ROOT, "sent %d datagrams, %d bytes to %s in %s s (%.0f datagrams/s, %.1f Mbit/s)%s%s",
                r.datagrams(), r.bytes(), to, String.format(Locale.ROOT, r.seconds() < 0.01 ? "%.6f" : "%.3f", r.seconds()), r.datagramsPerSecond(),
                r.nanos() == 0 ? 0.0 : r.bytes() * 8 / r.seconds() / 1e6,
                r.skipped() > 0 ? "; capture packets skipped (not UDP, fragments, too large): " + r.skipped() : "",
                r.stopped() ? "; stopped" : "");
    }

    private InetSocketAddress target() {
        return Args.udpTarget(spec, "--to", to);
    }

    private double rate() {
        if (rate == null) {
            return 0;
        }
        if (speed != null) {
            throw new ParameterException(spec.commandLine(), "--rate and --speed exclude each other: give one");
        }
        Matcher m = RATE.matcher(rate);
        double n = m.matches() ? Double.parseDouble(m.group(1)) * multiplier(m.group(2)) : 0;
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new ParameterException(spec.commandLine(), "--rate: '" + rate
                    + "' is not a positive number of datagrams per second (1000/s, 100k/s)");
        }
        return n;
    }

    private double speed() {
        if (speed == null) {
            return 0;
        }
        Matcher m = SPEED.matcher(speed);
        double x = m.matches() ? Double.parseDouble(m.group(1)) : 0;
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new ParameterException(spec.commandLine(), "--speed: '" + speed + "' is not a positive factor (2, 0.5)");
        }
        return x;
    }

    private long loops() {
        if (loops < 0) {
            throw new ParameterException(spec.commandLine(), "--loop: " + loops + " is negative (0: until Ctrl-C)");
        }
        return loops;
    }

    private static double multiplier(String suffix) {
        return suffix.equals("k") ? 1e3 : suffix.equals("M") ? 1e6 : 1;
    }
}
