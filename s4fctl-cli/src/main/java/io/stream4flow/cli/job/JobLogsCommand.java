package io.stream4flow.cli.job;

import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.stack.HomeOption;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code s4fctl job logs}: a job's log, and with {@code --follow} what it writes next. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl job logs ssh_bruteforce --follow",
        description = {"Print the end of a job's log; with --follow, keep printing what it writes until the job's "
                + "runner ends (or Ctrl-C). A job of `s4fctl up` shows the stack runner's log, which its jobs share."})
public final class JobLogsCommand implements Callable<Integer> {
    private static final long POLL_MS = 500;

    @Mixin
    private HomeOption homeOption;

    @Parameters(index = "0", paramLabel = "NAME", description = "The job.")
    private String name;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "50",
            description = "How many of the last lines to print first; default: ${DEFAULT-VALUE}.")
    private int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what the job writes while it runs.")
    private boolean follow;

    private final PrintStream out;

    public JobLogsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        JobService jobs = new LocalJobService(homeOption.home());
        Path log = jobs.log(name);
        long offset = 0;
        if (Files.exists(log)) {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
            offset = Files.size(log);
        }
        out.flush();
        while (follow) {
            boolean alive = jobs.status(name).running();
            offset = copyFrom(log, offset);
            if (!alive) {
                break;
            }
            Thread.sleep(POLL_MS);
        }
        return ExitCode.OK;
    }

    /** Prints what the log holds after {@code offset} (from its start when it was truncated, a restart). */
    private long copyFrom(Path log, long offset) {
        if (!Files.exists(log)) {
            return 0;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = f.length() < offset ? 0 : offset;
            byte[] buf = new byte[(int) Math.min(f.length() - from, 1 << 20)];
            f.seek(from);
            f.readFully(buf);
            out.write(buf, 0, buf.length);
            out.flush();
            return from + buf.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
