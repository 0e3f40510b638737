package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's nfcapd and nfdump (nfdump 1.7.1, C) as the harness and the stack benchmark run them: the version, a
 * fresh nfcapd on 127.0.0.1 with the socket buffer the collector asks for and one file per hour (so a run stays in
 * one file, written out on SIGTERM), and the flows its files hold as {@code nfdump -I} counts them.
 *
 * <pre>
 * nfcapd -V
 * nfcapd -b 127.0.0.1 -p PORT -w DIR -t 3600 -B 16777216
 * nfdump -R DIR -I       (or -r FILE)
 * </pre>
 */
final class Nfcapd {
    static final int SOCKET_BUFFER = 16 << 20;
    private static final Pattern FLOWS = Pattern.compile("(?m)^Flows: (\\d+)$");

    private Nfcapd() { }

    /** {@code nfcapd -V} as "nfcapd VERSION", its output kept in {@code dir}. */
    static String version(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path v = dir.resolve("nfcapd-version.log");
        int rc = Children.run(List.of("nfcapd", "-V"), v, Duration.ofSeconds(10));
        if (rc != 0) {
            throw new IllegalStateException("nfcapd -V failed (apt-get install nfdump):\n" + Children.tail(v, 5));
        }
        return Files.readString(v, StandardCharsets.ISO_8859_1).strip().replace("nfcapd: Version: ", "nfcapd ");
    }

    /** Starts nfcapd on 127.0.0.1:{@code port} writing into {@code flows}; output to {@code log}. */
    static Process start(int port, Path flows, Path log) throws IOException {
        Files.createDirectories(flows);
        return Children.start(List.of("nfcapd", "-b", "127.0.0.1", "-p", Integer.toString(port), "-w",
                flows.toString(), "-t", "3600", "-B", Integer.toString(SOCKET_BUFFER)), log);
    }

    /**
     * The flows stored in the files of directory {@code flows} ({@code nfdump -R}), or in one file
     * ({@code nfdump -r}) when {@code flows} is a file; 0 when the directory holds none. {@code nfdump}'s output goes
     * to {@code out}.
     */
    static long storedFlows(Path flows, Path out) throws IOException, InterruptedException {
        String option = Files.isDirectory(flows) ? "-R" : "-r";
        int rc = Children.run(List.of("nfdump", option, flows.toString(), "-I"), out, Duration.ofMinutes(2));
        String text = Files.readString(out, StandardCharsets.ISO_8859_1);
        Matcher m = FLOWS.matcher(text);
        if (rc != 0 || !m.find()) {
            if (text.contains("Empty file list") || text.contains("No such file")) {
                return 0;
            }
            throw new IllegalStateException("nfdump " + option + " " + flows + " -I exited with " + rc + ":\n"
                    + Children.tail(out, 10));
        }
        return Long.parseLong(m.group(1));
    }

    /** Creates {@code flows} if needed and deletes the files in it. */
    static void clear(Path flows) throws IOException {
        Files.createDirectories(flows);
        try (Stream<Path> files = Files.list(flows)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}
