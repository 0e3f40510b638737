package io.stream4flow.cli.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the tests read from a Spark standalone Master: its web UI's JSON. */
public final class MasterUi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MasterUi() {
    }

    /**
     * {@code http://127.0.0.1:PORT/json/}: {@code status}, {@code aliveworkers}, {@code workers}, {@code activeapps},
     * {@code completedapps}; an empty object while nothing answers there.
     */
    public static JsonNode state(int webUiPort) throws InterruptedException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort
                    + "/json/")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
