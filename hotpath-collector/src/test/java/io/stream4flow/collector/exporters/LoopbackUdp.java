package io.stream4flow.collector.exporters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel's view of a UDP socket bound on 127.0.0.1 ({@code /proc/net/udp}, {@code udp6}): whether it is bound,
 * how many bytes wait in its receive queue and how many datagrams it dropped. Lets the fixture wait
 * for a collector to be listening and to have read everything, and notice drops instead of
 * guessing with sleeps.
 */
final class LoopbackUdp {
    /** IPv4 sockets, and IPv6 ones (Java's DatagramSocket is one, bound to ::ffff:127.0.0.1). */
    private static final List<Path> TABLES = List.of(Paths.get("/proc/net/udp"), Paths.get("/proc/net/udp6"));
    private static final Set<String> LOOPBACK = Set.of("0100007F", "0000000000000000FFFF00000100007F");

    /** Receive queue bytes and kernel drops of one socket. */
    record State(long receiveQueue, long drops) { }

    private LoopbackUdp() { }

    static Optional<State> state(int port) throws IOException {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        for (Path table : TABLES) {
            if (!Files.exists(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 13 && f[1].endsWith(suffix)
                        && LOOPBACK.contains(f[1].substring(0, f[1].length() - suffix.length()))) {
                    long rx = Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                    return Optional.of(new State(rx, Long.parseLong(f[12])));
                }
            }
        }
        return Optional.empty();
    }

    /** Waits until some process has bound the port; fails after {@code timeoutMillis}. */
    static void awaitBound(int port, long timeoutMillis, String who) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (state(port).isEmpty()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(who + " did not bind 127.0.0.1:" + port + " within "
                        + timeoutMillis + " ms");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the socket's receive queue holds at most {@code maxBytes}; fails if the socket
     * dropped anything or the queue does not drain within {@code timeoutMillis}.
     */
    static void awaitDrained(int port, long maxBytes, long timeoutMillis, String who)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            State s = state(port).orElseThrow(() -> new IllegalStateException(who + " no longer listens on " + port));
            if (s.drops() > 0) {
                throw new IllegalStateException(who + " on 127.0.0.1:" + port + " dropped " + s.drops() + " datagrams");
            }
            if (s.receiveQueue() <= maxBytes) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(who + " did not read its socket within " + timeoutMillis + " ms ("
                        + s.receiveQueue() + " bytes waiting)");
            }
            Thread.sleep(1);
        }
    }
}
