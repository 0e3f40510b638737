package io.stream4flow.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's view of the UDP sockets bound to one port on this machine, from {@code /proc/net/udp}
 * and {@code /proc/net/udp6}: bytes waiting in their receive queues and datagrams dropped because a
 * receive buffer was full. Summed over every socket on the port (SO_REUSEPORT readers).
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue:rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
 *   0:  0100007F:0FA1 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 12345 2 ffff...  0
 *       [1] addr:port               [4] hex queues                                                             [12]
 * </pre>
 */
final class ProcNetUdp {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    /** Receive-queue bytes and kernel drops of the sockets on a port; {@code sockets} 0: nothing bound. */
    record State(int sockets, long receiveQueueBytes, long drops) { }

    private ProcNetUdp() { }

    /** Reads the sockets bound to {@code port} (any local address). */
    static State read(int port) {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        int sockets = 0;
        long queue = 0;
        long drops = 0;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length < 13 || !f[1].endsWith(suffix)) {
                    continue;
                }
                sockets++;
                queue += Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                drops += Long.parseLong(f[f.length - 1]);
            }
        }
        return new State(sockets, queue, drops);
    }

    /** Waits until something has bound {@code port}; false after {@code timeoutMillis}. */
    static boolean awaitBound(int port, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (read(port).sockets() == 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
