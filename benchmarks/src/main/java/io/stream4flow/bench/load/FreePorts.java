package io.stream4flow.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 that were free a moment ago (the child process binds them right after). */
final class FreePorts {
    private FreePorts() { }

    static int udp() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free UDP port and a free TCP port. */
    static int[] udpAndTcp() {
        try (ServerSocket t = new ServerSocket()) {
            t.bind(new InetSocketAddress("127.0.0.1", 0));
            return new int[] {udp(), t.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
