package io.stream4flow.cli.collector;

import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.collector.net.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads the collector's metrics page, {@code http://HOST:PORT/metrics}, with the JDK's HTTP
 * client. Every failure is a {@link CommandFailure} ({@link ExitCode#FAILURE}) with one line
 * naming the address. Blocks the calling thread for at most about twice {@link #TIMEOUT}.
 */
public final class MetricsScrape {
    /** Connect timeout, and again the timeout of the whole response. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Larger pages are refused (bytes). */
    static final int MAX_BYTES = 64 << 20;

    private MetricsScrape() { }

    public static String fetch(HostPort at) {
        URI uri = URI.create("http://" + at + "/metrics");
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw failure(uri + " answered HTTP " + response.statusCode());
                }
                byte[] b = body.readNBytes(MAX_BYTES + 1);
                if (b.length > MAX_BYTES) {
                    throw failure(uri + " sent more than " + (MAX_BYTES >> 20) + " MiB");
                }
                return new String(b, StandardCharsets.UTF_8);
            }
        } catch (ConnectException e) {
            throw failure("no collector metrics at " + at + " (is `s4fctl collector run` running?)");
        } catch (HttpTimeoutException e) {
            throw failure("collector metrics at " + at + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw failure("cannot read collector metrics at " + at + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while reading collector metrics at " + at);
        }
    }

    private static CommandFailure failure(String message) {
        return new CommandFailure(ExitCode.FAILURE, message);
    }
}
