package io.stream4flow.traffic.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The other offline input: a file that is one exporter payload as it came off the socket (the
 * form of the shared corpus). A file may hold several messages back to back; splitting them is the
 * caller's (the decoder's) work, since only the message headers tell where one ends.
 */
public final class RawPayloadFile {
    /** Default bound on the size of a raw payload file: far above any datagram or TCP batch. */
    public static final int DEFAULT_MAX_BYTES = 64 << 20;

    private RawPayloadFile() { }

    /**
     * Reads the whole file.
     *
     * @param maxBytes the largest file accepted; checked before anything is allocated
     * @throws CaptureFormatException when the file is larger than {@code maxBytes}
     */
    public static byte[] read(Path file, int maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new CaptureFormatException(file.toString(), 0,
                    "raw payload file of " + size + " bytes exceeds the limit of " + maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) size);
            if (b.length < size || in.read() >= 0) {
                throw new CaptureFormatException(file.toString(), b.length,
                        "raw payload file changed size while being read");
            }
            return b;
        }
    }

    /** {@link #read(Path, int)} with {@link #DEFAULT_MAX_BYTES}. */
    public static byte[] read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_BYTES);
    }
}
