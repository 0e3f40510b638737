package io.stream4flow.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every s4fctl command, documented in each command's {@code --help}.
 */
public final class ExitCode {
    /** Everything given was accepted. */
    public static final int OK = 0;
    /** Some input was rejected (counted in the summary); what was accepted is still output. */
    public static final int REJECTED = 1;
    /** The command line was wrong: unknown option, missing argument, file that does not exist. */
    public static final int USAGE = 2;
    /** An I/O error on output, or an unexpected error. */
    public static final int FAILURE = 3;

    private ExitCode() { }

    /** Code to one-line description, in the form picocli shows under "Exit codes:". */
    static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(" " + OK, "all input accepted");
        m.put(" " + REJECTED, "some input rejected or unreadable (what decoded is still printed)");
        m.put(" " + USAGE, "usage error (unknown option, missing or nonexistent FILE, ...)");
        m.put(" " + FAILURE, "I/O error on output, or an unexpected error");
        return m;
    }
}
