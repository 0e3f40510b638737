package io.stream4flow.cluster.output;

import io.stream4flow.schema.Indices;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * Deletes the daily result indices ({@code s4f-<kind>-YYYY.MM.DD}, e.g. {@code s4f-stats-2026.11.27}) older than
 * a number of days: the retention of ARCHITECTURE.md's "daily indices with a retention setting". Indices of
 * other names under {@code s4f-} are never touched.
 *
 * <p>The date in the name is the event date (UTC) of the documents in it; an index dated {@code today - days}
 * is kept, one a day older is deleted. Thread safety: stateless; the runner calls it from one scheduler thread.
 */
public final class IndexRetention {
    private static final Pattern DAILY = Pattern.compile(Indices.DAILY_REGEX);

    private IndexRetention() {
    }

    /**
     * Deletes the daily indices dated before {@code today - days}.
     *
     * @param days how many days before today are kept (at least 1)
     * @return the names deleted, sorted
     * @throws IOException when Elasticsearch cannot be reached or refuses
     */
    public static List<String> apply(ElasticsearchClient client, int days, LocalDate today) throws IOException {
        if (days < 1) {
            throw new IllegalArgumentException("retention of " + days + " days: at least 1");
        }
        LocalDate oldestKept = today.minusDays(days);
        List<String> expired = new ArrayList<>();
        for (String index : client.indices().get(g -> g.index(Indices.ALL).allowNoIndices(true)
                .ignoreUnavailable(true)).result().keySet()) {
            LocalDate date = dateOf(index);
            if (date != null && date.isBefore(oldestKept)) {
                expired.add(index);
            }
        }
        expired.sort(null);
        if (!expired.isEmpty()) {
            client.indices().delete(d -> d.index(expired));
        }
        return expired;
    }

    /** The date in a daily index name, or null for any other name. */
    static LocalDate dateOf(String index) {
        Matcher m = DAILY.matcher(index);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
