package io.stream4flow.cli.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ansible-playbook's default output line by line: the task under way, each host's result of it, the first
 * failure (host, task and Ansible's message) and the recap. Not thread-safe; one run, one reader.
 */
final class PlaybookOutput {
    /** One host's line of the recap. */
    record Recap(String host, int ok, int changed, int unreachable, int failed, int skipped) { }

    /** A host's task that failed or could not reach the host. */
    record Failure(String host, String task, boolean unreachable, String message) {
        String line() {
            return host + ": " + (unreachable ? "unreachable" : "failed") + " at '" + task + "': " + message;
        }
    }

    /** What one line said of one host: its result of the current task ({@code ok}, {@code changed}, ...). */
    record Result(String host, String status, String task) { }

    private static final Pattern TASK = Pattern.compile("^(?:TASK|RUNNING HANDLER) \\[(.+)] \\**$");
    private static final Pattern RESULT = Pattern.compile("^(ok|changed|skipping|fatal|failed): \\[([^]]+)](.*)$");
    private static final Pattern RECAP = Pattern.compile("^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+"
            + "unreachable=(\\d+)\\s+failed=(\\d+)\\s+skipped=(\\d+).*$");
    private static final Pattern MSG = Pattern.compile("\"msg\": \"((?:[^\"\\\\]|\\\\.)*)\"");

    private String task = "";
    private boolean inRecap;
    private final Map<String, Recap> recap = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    /** Takes one line; what it said of a host, or null. */
    Result line(String line) {
        if (line.startsWith("PLAY RECAP")) {
            inRecap = true;
            return null;
        }
        Matcher m;
        if (inRecap && (m = RECAP.matcher(line)).matches()) {
            recap.put(m.group(1), new Recap(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))));
            return null;
        }
        if (line.equals("...ignoring") && !failures.isEmpty()) {   // the failure above is ignored (ignore_errors)
            Failure ignored = failures.remove(failures.size() - 1);
            return new Result(ignored.host(), "ignored", ignored.task());
        }
        if ((m = TASK.matcher(line)).matches()) {
            task = m.group(1);
            return null;
        }
        if ((m = RESULT.matcher(line)).matches()) {
            String host = m.group(2).split(" -> ", 2)[0];   // "host -> localhost": a delegated task
            String status = m.group(1);
            String rest = m.group(3);
            if (status.equals("fatal") || status.equals("failed")) {
                boolean unreachable = rest.contains("UNREACHABLE!");
                failures.add(new Failure(host, task, unreachable, message(rest)));
                return new Result(host, unreachable ? "unreachable" : "failed", task);
            }
            return new Result(host, status, task);
        }
        return null;
    }

    private static String message(String rest) {
        Matcher m = MSG.matcher(rest);
        String msg = m.find() ? m.group(1).replace("\\n", " ").replace("\\\"", "\"").replace("\\\\", "\\") : rest;
        msg = msg.strip();
        return msg.length() > 300 ? msg.substring(0, 300) + " ..." : msg;
    }

    List<Recap> recap() {
        return List.copyOf(recap.values());
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }
}
