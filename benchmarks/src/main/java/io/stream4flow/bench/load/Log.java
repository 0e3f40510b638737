package io.stream4flow.bench.load;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stderr, stamped with the time of day; the results table goes to stdout. */
final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream out;

    Log(PrintStream out) {
        this.out = out;
    }

    void info(String line) {
        out.println(LocalTime.now().format(TIME) + "  " + line);
        out.flush();
    }
}
