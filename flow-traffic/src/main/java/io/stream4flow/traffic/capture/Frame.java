package io.stream4flow.traffic.capture;

import java.util.Arrays;

/**
 * One packet record as the file holds it: link type, capture time and the captured bytes. Reused
 * from record to record; the buffer grows up to {@link #MAX_CAPTURED} bytes and never beyond.
 */
final class Frame {
    /** Largest captured length accepted: libpcap's maximum snap length. */
    static final int MAX_CAPTURED = 262_144;

    int linkType;
    long timeMillis;
    byte[] data = new byte[2048];
    int length;

    /** Makes room for {@code n} bytes ({@code n <= MAX_CAPTURED}, checked by the caller). */
    byte[] buffer(int n) {
        if (data.length < n) {
            data = Arrays.copyOf(data, Math.min(MAX_CAPTURED, Math.max(n, data.length * 2)));
        }
        return data;
    }
}
