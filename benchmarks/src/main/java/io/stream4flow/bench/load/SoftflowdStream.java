package io.stream4flow.bench.load;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the traffic the harness replays: a deterministic packet capture from the test suite's
 * {@code make-traffic.py} (scapy), read by softflowd, whose IPFIX export datagrams are recorded on a
 * loopback socket of this class. Both files are kept under the work folder and reused when their
 * parameters match ({@code --fresh} makes them again).
 *
 * <pre>
 * /usr/bin/python3 hotpath-collector/src/test/scripts/make-traffic.py --out traffic.pcap --seed S --flows N
 * softflowd -d -a -r traffic.pcap -n 127.0.0.1:PORT -c none -v 10
 * </pre>
 * softflowd reads the whole file, exports every flow and exits; it repeats its templates and its
 * options record (system init time) in every 16th message, so the recorded stream refreshes
 * templates by itself when it is looped.
 */
final class SoftflowdStream {
    private SoftflowdStream() { }

    /** The recorded export payloads, in order; made (or reused) in {@code dir}. */
    static List<byte[]> payloads(Path repoRoot, Path dir, int flows, long seed, boolean fresh, Log log)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String name = "softflowd-ipfix-" + flows + "flows-seed" + seed;
        Path recorded = dir.resolve(name + ".datagrams");
        if (!fresh && Files.isRegularFile(recorded)) {
            List<byte[]> p = read(recorded);
            log.info("reusing " + p.size() + " softflowd IPFIX datagrams from " + recorded);
            return p;
        }
        Path pcap = dir.resolve("traffic-" + flows + "flows-seed" + seed + ".pcap");
        if (fresh || !Files.isRegularFile(pcap)) {
            Path script = repoRoot.resolve("hotpath-collector/src/test/scripts/make-traffic.py");
            log.info("making the traffic capture: make-traffic.py --flows " + flows + " --seed " + seed
                    + " (about 4 s per 1000 flows)");
            Path tmp = dir.resolve(pcap.getFileName() + ".tmp");
            int rc = Children.run(List.of("/usr/bin/python3", script.toString(), "--out", tmp.toString(),
                    "--seed", Long.toString(seed), "--flows", Integer.toString(flows)),
                    dir.resolve("make-traffic.log"), Duration.ofMinutes(5));
            if (rc != 0) {
                throw new IllegalStateException("make-traffic.py exited with " + rc + " (needs /usr/bin/python3 with"
                        + " scapy: apt-get install python3-scapy):\n" + Children.tail(dir.resolve("make-traffic.log"), 10));
            }
            Files.move(tmp, pcap, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<byte[]> p = record(pcap, dir.resolve("softflowd.log"));
        write(p, recorded);
        log.info("recorded " + p.size() + " softflowd IPFIX datagrams into " + recorded);
        return p;
    }

    private static List<byte[]> record(Path pcap, Path log) throws IOException, InterruptedException {
        List<byte[]> out = new ArrayList<>();
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 16 << 20);
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            Thread reader = new Thread(() -> receive(ch, out), "softflowd-recorder");
            reader.setDaemon(true);
            reader.start();
            int rc = Children.run(List.of("softflowd", "-d", "-a", "-r", pcap.toString(), "-n", "127.0.0.1:" + port,
                    "-c", "none", "-v", "10"), log, Duration.ofMinutes(2));
            if (rc != 0) {
                throw new IllegalStateException("softflowd exited with " + rc + " (apt-get install softflowd):\n"
                        + Children.tail(log, 10));
            }
            // softflowd has exited: all it sent is in our socket; wait for the reader to take it
            long end = System.nanoTime() + 10_000_000_000L;
            while (ProcNetUdp.read(port).receiveQueueBytes() > 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            long drops = ProcNetUdp.read(port).drops();
            if (drops > 0) {
                throw new IllegalStateException("the recorder socket dropped " + drops + " of softflowd's datagrams");
            }
        }
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    private static void receive(DatagramChannel ch, List<byte[]> out) {
        ByteBuffer buf = ByteBuffer.allocate(65_535);
        try {
            while (true) {
                buf.clear();
                ch.receive(buf);
                buf.flip();
                byte[] b = new byte[buf.remaining()];
                buf.get(b);
                synchronized (out) {
                    out.add(b);
                }
            }
        } catch (SocketException | java.nio.channels.ClosedChannelException closed) {
            // the channel was closed: recording is over
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(List<byte[]> payloads, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            for (byte[] p : payloads) {
                o.writeInt(p.length);
                o.write(p);
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<byte[]> read(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                int n;
                try {
                    n = in.readInt();
                } catch (EOFException end) {
                    return out;
                }
                if (n < 0 || n > 65_535) {
                    throw new IOException(file + " is corrupt: a datagram of " + n + " bytes");
                }
                byte[] b = new byte[n];
                in.readFully(b);
                out.add(b);
            }
        }
    }
}
