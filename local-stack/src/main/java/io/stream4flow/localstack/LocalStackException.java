package io.stream4flow.localstack;

/**
 * A local server could not be started, reached or stopped. The message is meant for a person: it says what
 * failed, where the server's log is, and usually what to do about it.
 */
public final class LocalStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
