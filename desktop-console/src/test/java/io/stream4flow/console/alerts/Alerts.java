package io.stream4flow.console.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Alert JSON as the detections write it, for the console's tests. */
public final class Alerts {
    private Alerts() { }

    /** An alert of {@code type} and {@code severity} from {@code src} to {@code dst} at {@code time}. */
    public static String json(String id, String type, String severity, String src, String dst, int port, long flows,
            Instant time) {
        return "{\"@timestamp\":\"" + time + "\",\"type\":\"" + type + "\",\"severity\":\"" + severity
                + "\",\"src_ip\":\"" + src + "\",\"dst_ip\":\"" + dst + "\",\"dst_port\":" + port
                + ",\"window\":{\"start\":\"" + time.minusSeconds(60) + "\",\"end\":\"" + time + "\"},\"flows\":"
                + flows + ",\"packets\":" + flows * 2 + ",\"bytes\":" + flows * 120 + ",\"targets\":1,\"description\":\""
                + src + " did " + type + " to " + dst + "\",\"evidence\":{\"sample\":[\"" + dst + "\"]},\"job\":\""
                + type + "\",\"id\":\"" + id + "\"}";
    }

    public static Alert alert(String id, String severity, String src, long flows) {
        return Alert.parse(json(id, "ssh_bruteforce", severity, src, "10.0.0.1", 22, flows, Instant.now())
                .getBytes(StandardCharsets.UTF_8));
    }
}
