package io.stream4flow.cli.stack;

/** A local-stack operation failed; the message is one sentence for the operator. */
public final class StackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
