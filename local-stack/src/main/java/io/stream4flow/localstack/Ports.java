package io.stream4flow.localstack;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** TCP port helpers for servers started on this machine. */
final class Ports {

    private Ports() {
    }

    /**
     * Ports that were free on {@code host} a moment ago, all different. Another program may take one before the
     * server binds it; the window is a few seconds and only matters on a busy machine.
     */
    static int[] freePorts(String host, int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(host));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new LocalStackException("cannot find a free TCP port on " + host + ": " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    /**
     * Throws a {@link LocalStackException} naming {@code what} when {@code host:port} cannot be bound now
     * (usually: something listens there already).
     */
    static void requireFree(String host, int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
        } catch (BindException e) {
            throw new LocalStackException(what + " cannot listen on " + host + ":" + port
                    + ": the port is already in use (another server of the local stack, or another program?)."
                    + " Stop it, or choose another port (0 picks a free one).", e);
        } catch (IOException e) {
            throw new LocalStackException(what + " cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Whether a TCP connection to {@code host:port} succeeds within {@code timeoutMillis}. */
    static boolean accepts(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was bound, or it is closed already
        }
    }
}
