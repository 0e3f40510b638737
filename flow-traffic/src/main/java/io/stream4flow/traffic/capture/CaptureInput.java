package io.stream4flow.traffic.capture;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of one capture file with the reading position and the number of bytes left, so that
 * every length read from the file is checked against what is there before anything is read or
 * allocated for it.
 */
final class CaptureInput implements Closeable {
    private final InputStream in;
    private final String name;
    private final long size;
    private long offset;

    private CaptureInput(InputStream in, String name, long size) {
        this.in = in;
        this.name = name;
        this.size = size;
    }

    static CaptureInput open(Path file) throws IOException {
        long size = Files.size(file);
        return new CaptureInput(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                file.toString(), size);
    }

    static CaptureInput of(String name, byte[] content) {
        return new CaptureInput(new ByteArrayInputStream(content), name, content.length);
    }

    String name() {
        return name;
    }

    /** Bytes read so far: the file offset of the next byte. */
    long offset() {
        return offset;
    }

    long remaining() {
        return size - offset;
    }

    /** An error at {@code at} (a file offset), to be thrown by the caller. */
    CaptureFormatException error(long at, String reason) {
        return new CaptureFormatException(name, at, reason);
    }

    /**
     * Fails unless {@code n} more bytes are in the file.
     *
     * @param at offset of the structure being read, for the message
     * @param what name of the structure, for the message
     */
    void require(long at, long n, String what) throws CaptureFormatException {
        if (n > remaining()) {
            throw error(at, what + " of " + n + " bytes runs past the end of the file ("
                    + remaining() + " bytes left)");
        }
    }

    /** Reads exactly {@code n} bytes; the caller has checked {@link #require} already. */
    void readFully(byte[] dst, int off, int n) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(dst, off + done, n - done);
            if (r < 0) {
                throw error(offset + done, "file ended early (it shrank while being read?)");
            }
            done += r;
        }
        offset += n;
    }

    /** Skips exactly {@code n} bytes; the caller has checked {@link #require} already. */
    void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw error(offset + n - left, "file ended early (it shrank while being read?)");
                }
                s = 1;
            }
            left -= s;
        }
        offset += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
