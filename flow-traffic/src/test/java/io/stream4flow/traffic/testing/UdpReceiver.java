package io.stream4flow.traffic.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A UDP socket on 127.0.0.1 whose own thread keeps every datagram. */
public final class UdpReceiver implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public UdpReceiver() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setReceiveBufferSize(4 << 20);
        thread = new Thread(this::run, "udp-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }

    /** What arrived so far, in order (a live view). */
    public List<byte[]> received() {
        return received;
    }

    /** Waits until {@code n} datagrams arrived (fails after 10 s). */
    public List<byte[]> await(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("received " + received.size() + " of " + n + " datagrams");
            }
            Thread.sleep(5);
        }
        return received;
    }

    private void run() {
        byte[] buf = new byte[65_535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            while (true) {
                p.setLength(buf.length);
                socket.receive(p);
                received.add(Arrays.copyOf(buf, p.getLength()));
            }
        } catch (SocketException closed) {
            // close() ends the loop
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
