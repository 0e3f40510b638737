package io.stream4flow.cli.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.output.Csv;
import io.stream4flow.cli.output.OutputFormat;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines {@code s4fctl flows} prints for flows-view rows ({@link io.stream4flow.schema.FlowViewMap}), one flow a
 * line so that output streams (with {@code --follow} there is no last row to wait for; that is why the table is not
 * a {@link io.stream4flow.cli.output.TextTable}, which aligns on all rows, but fixed widths as nfdump's):
 *
 * <ul>
 *   <li>{@code table}: nfdump's {@code -o line}: {@code Date first seen} (local time of {@code zone}, ms),
 *       {@code Duration} (s), {@code Proto} (name or number), {@code Src IP Addr:Port -> Dst IP Addr:Port} (an IPv6
 *       address and its port are joined by '.', as nfdump does), {@code Packets}, {@code Bytes} (above a million
 *       scaled to M, G, T with one decimal, as nfdump does), {@code Flows} (1: raw flows);</li>
 *   <li>{@code json}: each row as one JSON object, the view's column names and values (times epoch ms);</li>
 *   <li>{@code csv}: {@link #CSV_COLUMNS}, times ISO-8601 in UTC.</li>
 * </ul>
 * Not thread-safe.
 */
public final class FlowPrinter {
    static final String TABLE_FORMAT = "%-23s %9s %-5s %22s -> %-22s %8s %8s %5s";
    static final List<String> CSV_COLUMNS = List.of("flow_start", "flow_end", "protocol", "src_ip", "src_port",
            "dst_ip", "dst_port", "tcp_flags", "packets", "bytes", "sampling", "exporter");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputFormat format;
    private final DateTimeFormatter date;

    FlowPrinter(OutputFormat format, ZoneId zone) {
        this.format = format;
        this.date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
    }

    /** The header line (with its newline), or "" for json. */
    String header() {
        return switch (format) {
            case table -> String.format(Locale.ROOT, TABLE_FORMAT, "Date first seen", "Duration", "Proto",
                    "Src IP Addr:Port", "Dst IP Addr:Port", "Packets", "Bytes", "Flows").stripTrailing() + "\n";
            case csv -> Csv.line(CSV_COLUMNS);
            case json -> "";
        };
    }

    /** The line of one flow, with its newline. */
    String line(Map<String, ?> flow) {
        return switch (format) {
            case table -> tableLine(flow);
            case csv -> csvLine(flow);
            case json -> {
                try {
                    yield JSON.writeValueAsString(flow) + "\n";
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e); // not thrown: strings and numbers only
                }
            }
        };
    }

    private String tableLine(Map<String, ?> f) {
        Long start = number(f, "flow_start");
        Long end = number(f, "flow_end");
        String first = start == null ? "-" : date.format(Instant.ofEpochMilli(start));
        String duration = start == null || end == null ? "-"
                : String.format(Locale.ROOT, "%.3f", (end - start) / 1000.0);
        return String.format(Locale.ROOT, TABLE_FORMAT, first, duration, protocol(number(f, "protocol")),
                endpoint(f.get("src_ip"), number(f, "src_port")), endpoint(f.get("dst_ip"), number(f, "dst_port")),
                scaled(number(f, "packets")), scaled(number(f, "bytes")), "1") + "\n";
    }

    private static String csvLine(Map<String, ?> f) {
        List<String> cells = new ArrayList<>(CSV_COLUMNS.size());
        for (String c : CSV_COLUMNS) {
            Object v = f.get(c);
            cells.add(v == null ? "" : c.startsWith("flow_") ? Instant.ofEpochMilli(((Number) v).longValue()).toString()
                    : v.toString());
        }
        return Csv.line(cells);
    }

    /** nfdump's {@code address:port}, {@code address.port} for IPv6. */
    public static String endpoint(Object address, Long port) {
        String a = address == null ? "-" : address.toString();
        String p = port == null ? "0" : port.toString();
        return a.indexOf(':') >= 0 ? a + "." + p : a + ":" + p;
    }

    /** The IANA protocol number as nfdump names it, or the number. */
    public static String protocol(Long p) {
        if (p == null) {
            return "-";
        }
        return switch (p.intValue()) {
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPv6";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "ICMP6";
            case 132 -> "SCTP";
            default -> p.toString();
        };
    }

    /** A counter as nfdump prints it: as it is up to a million, then with one decimal and M, G or T. */
    static String scaled(Long n) {
        if (n == null) {
            return "0";
        }
        double v = n;
        if (v >= 1e12) {
            return String.format(Locale.ROOT, "%.1f T", v / 1e12);
        } else if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.1f G", v / 1e9);
        } else if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1f M", v / 1e6);
        }
        return Long.toString(n);
    }

    private static Long number(Map<String, ?> f, String column) {
        return f.get(column) instanceof Number n ? Long.valueOf(n.longValue()) : null;
    }
}
