package io.stream4flow.collector.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Datagrams the kernel dropped on our UDP sockets (receive buffer full), from the {@code drops}
 * column of {@code /proc/net/udp} and {@code /proc/net/udp6}, summed over the sockets bound to our
 * ports; and the bytes still queued for them ({@code rx_queue}). Linux only; elsewhere -1.
 */
final class KernelUdpDrops {
    private KernelUdpDrops() { }

    static long read(Collection<Integer> ports) {
        return sum(ports, false);
    }

    /** Bytes waiting in the receive queues of our UDP sockets (not read yet), or -1 when unknown. */
    static long pendingBytes(Collection<Integer> ports) {
        return sum(ports, true);
    }

    private static long sum(Collection<Integer> ports, boolean pending) {
        if (ports.isEmpty()) {
            return 0;
        }
        long total = 0;
        boolean any = false;
        for (String f : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path p = Path.of(f);
            if (!Files.isReadable(p)) {
                continue;
            }
            any = true;
            try {
                for (String line : Files.readAllLines(p)) {
                    String[] c = line.trim().split("\\s+");
                    if (c.length < 13 || c[0].equals("sl")) {
                        continue;
                    }
                    String local = c[1];
                    int colon = local.lastIndexOf(':');
                    int port = Integer.parseInt(local.substring(colon + 1), 16);
                    if (ports.contains(port)) {
                        if (pending) {
                            String queues = c[4]; // tx_queue:rx_queue, hex
                            total += Long.parseLong(queues.substring(queues.indexOf(':') + 1), 16);
                        } else {
                            total += Long.parseLong(c[c.length - 1]);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return any ? total : -1;
    }
}
