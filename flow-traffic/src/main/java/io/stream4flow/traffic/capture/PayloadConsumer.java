package io.stream4flow.traffic.capture;

/** Receives the UDP payloads of a capture, in file order, on the thread that reads the file. */
@FunctionalInterface
public interface PayloadConsumer {
    /**
     * One UDP payload.
     *
     * @param exporter the packet's source IP address, 4 or 16 bytes; never modified afterwards, so
     *     it may be kept (consecutive packets from one source share the array)
     * @param sourcePort UDP source port (0-65535)
     * @param destinationPort UDP destination port (0-65535)
     * @param timeMillis capture time, epoch milliseconds
     * @param buffer holds the payload; reused for the next packet, so copy what must be kept
     * @param offset start of the payload in {@code buffer}
     * @param length payload length in bytes (0 for an empty datagram)
     */
    void accept(byte[] exporter, int sourcePort, int destinationPort, long timeMillis,
            byte[] buffer, int offset, int length);
}
