package io.stream4flow.traffic.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Flow JSON lines as parsed trees, to compare records whatever the order of their members. */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() { }

    public static List<JsonNode> parse(List<String> lines) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines) {
            out.add(JSON.readTree(l));
        }
        return out;
    }
}
