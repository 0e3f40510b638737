package io.stream4flow.cli;

/**
 * A verb's failure that is not a usage error and not a bug: the message is one complete line for
 * the user (what failed, on which address or file), the exit code one of {@link ExitCode}.
 * {@link Failures} prints it after {@code s4fctl: } without a stack trace.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
