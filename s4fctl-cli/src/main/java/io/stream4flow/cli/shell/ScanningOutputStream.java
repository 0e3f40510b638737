package io.stream4flow.cli.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes every byte to the terminal's stream and hands each complete line (at most {@link #MAX_LINE} bytes of it)
 * to {@link RecentValues#scan}: what the commands of the shell write to stdout.
 */
final class ScanningOutputStream extends OutputStream {
    static final int MAX_LINE = 8192;

    private final OutputStream delegate;
    private final RecentValues recent;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ScanningOutputStream(OutputStream delegate, RecentValues recent) {
        this.delegate = delegate;
        this.recent = recent;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        delegate.write(b);
        take(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        delegate.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            take(b[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    private void take(int b) {
        if (b == '\n') {
            recent.scan(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }
}
