package io.stream4flow.traffic.capture;

import java.io.IOException;

/** The packet records of one capture format, read in file order. */
interface FrameSource {
    /**
     * Reads the next packet record into {@code frame}.
     *
     * @return false at the clean end of the file
     * @throws CaptureFormatException when the file is truncated or a length does not fit
     */
    boolean next(Frame frame) throws IOException;
}
