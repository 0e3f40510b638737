package io.stream4flow.cli.query;

/**
 * One host of {@link QueryService#top}: its traffic summed over the host-statistics windows of the range.
 *
 * @param host the address
 * @param flows, packets, bytes sums over its windows (bytes and packets scaled by sampling, as the jobs write them)
 * @param windows how many statistics documents (60 s windows) it has in the range
 */
public record Talker(String host, long flows, long packets, long bytes, long windows) {
}
