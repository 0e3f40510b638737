package io.stream4flow.collector.exporters;

import io.stream4flow.collector.exporters.ExporterStreams.Datagram;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A UDP socket on 127.0.0.1 (ephemeral port) that an exporter sends to; a thread of its own records
 * every datagram, in arrival order, with its source and receive time.
 */
final class UdpRecorder implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    private final List<Datagram> received = new ArrayList<>();
    private volatile long lastReceiveNanos = System.nanoTime();
    private volatile IOException failure;

    UdpRecorder(String name) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setReceiveBufferSize(8 << 20);
        thread = new Thread(this::receive, "udp-recorder-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        byte[] buf = new byte[65_535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            while (true) {
                p.setLength(buf.length);
                socket.receive(p);
                Datagram d = new Datagram((InetSocketAddress) p.getSocketAddress(), System.currentTimeMillis(),
                        Arrays.copyOfRange(buf, p.getOffset(), p.getOffset() + p.getLength()));
                synchronized (received) {
                    received.add(d);
                }
                lastReceiveNanos = System.nanoTime();
            }
        } catch (SocketException closed) {
            // close() ends the loop
        } catch (IOException e) {
            failure = e;
        }
    }

    /**
     * Waits until nothing has arrived for {@code quietMillis} (the sender has exited: what it sent
     * is in the socket already), checks the kernel dropped nothing, and returns what was received.
     */
    List<Datagram> finish(long quietMillis) throws IOException, InterruptedException {
        LoopbackUdp.awaitDrained(port(), 0, 10_000, "the recorder");
        while (System.nanoTime() - lastReceiveNanos < quietMillis * 1_000_000) {
            Thread.sleep(20);
        }
        LoopbackUdp.awaitDrained(port(), 0, 10_000, "the recorder");
        close();
        thread.join(5_000);
        if (failure != null) {
            throw failure;
        }
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
