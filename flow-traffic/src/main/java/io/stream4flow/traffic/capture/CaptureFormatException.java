package io.stream4flow.traffic.capture;

import java.io.IOException;

/**
 * A capture file that cannot be read further: truncated, or with a length or header that does not
 * fit what is there. The message is one line naming the file and the byte offset where reading
 * stopped; everything before that offset was already delivered.
 */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    public CaptureFormatException(String file, long offset, String reason) {
        super(file + ": offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    /** The file name as given to the reader. */
    public String file() {
        return file;
    }

    /** Byte offset in the file of the structure that could not be read. */
    public long offset() {
        return offset;
    }
}
