package io.stream4flow.cli.output;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar of a long operation on stderr, with its count, rate and ETA ({@code me.tongfei.progressbar}), drawn
 * only when s4fctl runs on a terminal ({@link #onTerminal()}): piped or in a script there is none. It polls what it
 * shows: {@code done} and {@code total} ({@code <= 0}: not known yet, the bar then shows the count and rate without
 * an ETA) are read on the bar's own thread, every {@value #INTERVAL_MILLIS} ms; the operation itself does nothing
 * more than keep those counters.
 */
public final class Progress implements AutoCloseable {
    static final int INTERVAL_MILLIS = 250;

    private final PrintStream err;
    private final ProgressBar bar;
    private final Thread poller;
    private final LongSupplier done;
    private final LongSupplier total;

    private Progress(PrintStream err, ProgressBar bar, LongSupplier done, LongSupplier total) {
        this.err = err;
        this.bar = bar;
        this.done = done;
        this.total = total;
        if (bar == null) {
            poller = null;
            return;
        }
        poller = new Thread(this::poll, "s4fctl-progress");
        poller.setDaemon(true);
        poller.start();
    }

    /** Whether a bar is drawn: stdin and stdout are a terminal (so stderr is one too, unless redirected alone). */
    public static boolean onTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * A bar named {@code task} counting {@code unit}s (" datagrams", " steps"), or a bar that draws nothing when not
     * {@link #onTerminal()}.
     */
    public static Progress start(PrintStream err, String task, String unit, LongSupplier done, LongSupplier total) {
        return start(onTerminal(), err, task, unit, done, total);
    }

    static Progress start(boolean draw, PrintStream err, String task, String unit, LongSupplier done,
            LongSupplier total) {
        if (!draw) {
            return new Progress(err, null, done, total);
        }
        long max = total.getAsLong();
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max > 0 ? max : -1)
                .setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(INTERVAL_MILLIS).setConsumer(new ConsoleProgressBarConsumer(err)).build();
        return new Progress(err, bar, done, total);
    }

    /**
     * Prints {@code line} on stderr above the bar (the bar's line is cleared first and drawn again below it at the
     * next update); without a bar, just the line.
     */
    public void println(String line) {
        synchronized (err) {
            err.println(bar == null ? line : "\r\033[2K" + line);
            err.flush();
        }
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            update();
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void update() {
        long max = total.getAsLong();
        if (max > 0 && bar.getMax() != max) {
            bar.maxHint(max);
        }
        bar.stepTo(done.getAsLong());
    }

    /** Draws the last state and ends the bar's line; the summary printed after it starts on a line of its own. */
    @Override
    public void close() {
        if (bar == null) {
            return;
        }
        poller.interrupt();
        try {
            poller.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        update();
        bar.close();
    }
}
