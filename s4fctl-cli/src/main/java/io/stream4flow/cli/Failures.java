package io.stream4flow.cli;

import io.stream4flow.cli.job.JobException;
import io.stream4flow.cli.query.QueryException;
import io.stream4flow.cli.stack.StackException;
import io.stream4flow.collector.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where exceptions become exit codes and one-line messages on stderr.
 *
 * <ul>
 *   <li>{@link ParameterException} (picocli's, or thrown by a verb for a bad argument) → {@link
 *       ExitCode#USAGE}, the message and a pointer to {@code --help};
 *   <li>{@link ConfigException} (a refused configuration file or flag) → {@link ExitCode#USAGE},
 *       its one-line message naming the key;
 *   <li>{@link CommandFailure} → its exit code and its one-line message;
 *   <li>{@link JobException} → by its reason: {@code USAGE} → {@link ExitCode#USAGE}, {@code FAILED} →
 *       {@link ExitCode#REJECTED} (1, the job failed), {@code NOT_REACHABLE} → {@link ExitCode#FAILURE}; its
 *       one-line message;
 *   <li>{@link QueryException} ({@code query} verbs) → by its reason: {@code NOT_REACHABLE} → {@link
 *       ExitCode#FAILURE} (3), {@code FAILED} (Elasticsearch refused the search) → {@link ExitCode#REJECTED} (1);
 *       its one-line message;
 *   <li>{@link StackException} (a local-stack part that cannot be started or read) → {@link ExitCode#FAILURE}, its
 *       message;
 *   <li>{@link IOException} / {@link UncheckedIOException} → {@link ExitCode#FAILURE}, "I/O
 *       error: ...";
 *   <li>anything else → {@link ExitCode#FAILURE}, "unexpected error: ..." (with the stack trace
 *       when the environment variable {@code S4FCTL_DEBUG} is set).
 * </ul>
 * Verbs report rejected input through their return value ({@link ExitCode#REJECTED}), not by
 * throwing.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final String PREFIX = "s4fctl: ";

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(PREFIX + firstLine(ex.getMessage()));
        err.println("Try " + cmd.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof ConfigException || ex instanceof CommandFailure) {
            err.println(PREFIX + firstLine(ex.getMessage()));
            err.flush();
            return ex instanceof CommandFailure f ? f.exitCode() : ExitCode.USAGE;
        }
        if (ex instanceof JobException j) {
            err.println(PREFIX + firstLine(j.getMessage()));
            err.flush();
            return switch (j.reason()) {
                case USAGE -> ExitCode.USAGE;
                case FAILED -> ExitCode.REJECTED;
                case NOT_REACHABLE -> ExitCode.FAILURE;
            };
        }
        if (ex instanceof QueryException q) {
            err.println(PREFIX + firstLine(q.getMessage()));
            err.flush();
            return q.reason() == QueryException.Reason.NOT_REACHABLE ? ExitCode.FAILURE : ExitCode.REJECTED;
        }
        if (ex instanceof StackException) {
            err.println(PREFIX + firstLine(ex.getMessage()));
            err.flush();
            return ExitCode.FAILURE;
        }
        IOException io = ioCause(ex);
        if (io != null) {
            err.println(PREFIX + "I/O error: " + describe(io));
        } else {
            err.println(PREFIX + "unexpected error: " + firstLine(ex.toString()));
        }
        if (System.getenv("S4FCTL_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.FAILURE;
    }

    private static IOException ioCause(Throwable t) {
        if (t instanceof UncheckedIOException u) {
            return u.getCause();
        }
        return t instanceof IOException io ? io : null;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
