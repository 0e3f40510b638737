package io.stream4flow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports free on 127.0.0.1 at the moment of asking, for tests and benchmarks that start the stack beside another
 * one. A port found free may be taken by someone else before it is bound; callers that bind it say so.
 */
public final class LoopbackPorts {
    private static final int TRIES = 50;

    private LoopbackPorts() {
    }

    /** A TCP port free on 127.0.0.1. */
    public static int tcp() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UDP port free on 127.0.0.1. */
    public static int udp() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One port number free for both UDP and TCP on 127.0.0.1 (IPFIX listens on both). */
    public static int udpAndTcp() {
        for (int i = 0; i < TRIES; i++) {
            int port = udp();
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // the TCP side is in use: another
            }
        }
        throw new UncheckedIOException(new IOException("no port free for both UDP and TCP after " + TRIES + " tries"));
    }
}
