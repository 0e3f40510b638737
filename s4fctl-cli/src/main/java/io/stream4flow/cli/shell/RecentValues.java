package io.stream4flow.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IP addresses and alert types seen in the output of earlier commands of one shell session, most recent last,
 * at most {@link #MAX} of them (the least recently seen is dropped). Thread-safe: the command's thread scans, the
 * line reader's thread completes.
 */
final class RecentValues {
    static final int MAX = 300;
    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\w.])");
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:.])(?=[0-9a-fA-F:]*:[0-9a-fA-F]*:)"
            + "[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\\w:])");
    /** An alert's type in its JSON document ({@code "type":"port_scan"}). */
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Za-z0-9_.-]{1,64})\"");

    private final Map<String, Boolean> values = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX;
        }
    };

    /** Remembers every address and alert type in one line of output. */
    void scan(String line) {
        List<String> found = new ArrayList<>();
        collect(IPV4.matcher(line), 0, found);
        List<String> v6 = new ArrayList<>();
        collect(IPV6.matcher(line), 0, v6);
        // eight groups, or fewer with one '::' (not a time of day like 12:30:01)
        v6.stream().filter(a -> !a.equals("::") && (a.contains("::") ? a.indexOf("::") == a.lastIndexOf("::")
                : a.split(":", -1).length == 8)).forEach(found::add);
        collect(TYPE.matcher(line), 1, found);
        synchronized (values) {
            for (String v : found) {
                values.put(v, Boolean.TRUE);
            }
        }
    }

    /** The values remembered, least recently seen first. */
    List<String> values() {
        synchronized (values) {
            return new ArrayList<>(values.keySet());
        }
    }

    private static void collect(Matcher m, int group, List<String> into) {
        while (m.find()) {
            into.add(m.group(group));
        }
    }
}
