package io.stream4flow.localstack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a local Elasticsearch node answers: {@code GET /_cluster/health?wait_for_status=yellow} (the integ-test
 * distribution answers {@code GET /} with 405, so that is no use). Plain {@link HttpClient}; stateless, any thread.
 */
final class ElasticsearchHealth {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final long POLL_MILLIS = 250;

    private ElasticsearchHealth() {
    }

    /**
     * Whether the node at {@code httpUrl} reports a yellow or green cluster of ours ({@code cluster.name}
     * {@value ElasticsearchConfig#CLUSTER_NAME}) within {@code wait}; false on any error or another answer.
     */
    static boolean isHealthy(String httpUrl, Duration wait) {
        return health(httpUrl, wait, HTTP, null) == null;
    }

    /**
     * Polls until the node is healthy. Fails (a {@link LocalStackException} quoting {@code logFile}) as soon as
     * {@code process} exits, or at {@code deadlineNanos} ({@link System#nanoTime()} clock). Leaves the process alone.
     */
    static void awaitReady(String httpUrl, ProcessHandle process, long deadlineNanos, Duration timeout,
            Path logFile, ServerSecurity security) {
        HttpClient http = security == null ? HTTP : ElasticsearchSecurity.httpClient(security, Duration.ofSeconds(2));
        String authorization = security == null ? null : ElasticsearchSecurity.authorization(security);
        String lastError = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw ChildJvm.failure("Elasticsearch exited during start-up", logFile);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw ChildJvm.failure("Elasticsearch did not become healthy at " + httpUrl + " within "
                        + timeout.toSeconds() + " s (" + lastError + "); it was stopped", logFile);
            }
            String error = health(httpUrl, Duration.ofSeconds(1), http, authorization);
            if (error == null) {
                return;
            }
            lastError = error;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while waiting for Elasticsearch at " + httpUrl, e);
            }
        }
    }

    /** {@code null} when healthy, else why not. */
    private static String health(String httpUrl, Duration wait, HttpClient http, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(httpUrl
                + "/_cluster/health?wait_for_status=yellow&timeout=" + Math.max(1, wait.toMillis()) + "ms"))
                .timeout(wait.plusSeconds(5))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if (response.statusCode() == 200 && body.contains("\"timed_out\":false")
                    && body.contains("\"cluster_name\":\"" + ElasticsearchConfig.CLUSTER_NAME + "\"")) {
                return null;
            }
            return "HTTP " + response.statusCode() + ": " + (body.length() > 200 ? body.substring(0, 200) : body);
        } catch (ConnectException e) {
            return "connection refused";
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while asking Elasticsearch at " + httpUrl, e);
        }
    }
}
