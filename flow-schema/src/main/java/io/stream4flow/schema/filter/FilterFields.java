package io.stream4flow.schema.filter;

import io.stream4flow.schema.filter.FilterExpr.Counter;
import io.stream4flow.schema.filter.FilterExpr.Direction;
import io.stream4flow.schema.filter.FilterExpr.Label;
import java.util.List;

/**
 * The document fields each filter primitive reads: one table for both compilers, so that a query and the
 * predicate of the same filter read the same fields. The names are those of the flows view
 * ({@link io.stream4flow.schema.FlowViewColumns}) and of the alert, statistics and host documents
 * (ARCHITECTURE.md "Results"; mappings in the cluster's {@code s4f-index-template.json}).
 *
 * <table>
 * <caption>filter word to field</caption>
 * <tr><th>filter</th><th>fields</th></tr>
 * <tr><td>{@code src ip|host|net}</td><td>{@code src_ip}</td></tr>
 * <tr><td>{@code dst ip|host|net}</td><td>{@code dst_ip}</td></tr>
 * <tr><td>{@code ip|host|net}, {@code src or dst ...}, {@code inet}, {@code inet6}</td><td>any of
 *     {@code src_ip dst_ip host} ({@code host}: the address of statistics and host-profile documents)</td></tr>
 * <tr><td>{@code src and dst ip|host|net|port}</td><td>both {@code src_ip} and {@code dst_ip} (ports:
 *     {@code src_port} and {@code dst_port})</td></tr>
 * <tr><td>{@code src port}, {@code dst port}, {@code port}</td><td>{@code src_port}, {@code dst_port}, either</td></tr>
 * <tr><td>{@code proto}</td><td>{@code protocol}</td></tr>
 * <tr><td>{@code flags}</td><td>{@code tcp_flags}</td></tr>
 * <tr><td>{@code packets bytes flows targets}</td><td>the field of the same name</td></tr>
 * <tr><td>{@code type severity job}</td><td>the keyword field of the same name</td></tr>
 * </table>
 *
 * <p>A record without the field never matches the primitive (so {@code not} of it does).
 */
public final class FilterFields {
    private FilterFields() { }

    public static final String SRC_IP = "src_ip";
    public static final String DST_IP = "dst_ip";
    /** The address of statistics and host-profile documents. */
    public static final String HOST = "host";
    public static final String SRC_PORT = "src_port";
    public static final String DST_PORT = "dst_port";
    public static final String PROTOCOL = "protocol";
    public static final String TCP_FLAGS = "tcp_flags";

    /** Every address field, for {@code inet}/{@code inet6} and the address primitives without a direction. */
    public static final List<String> ADDRESSES = List.of(SRC_IP, DST_IP, HOST);

    /**
     * The address fields an address primitive with {@code direction} reads; any of them may match, all of
     * them must for {@link #all(Direction)}.
     */
    public static List<String> addresses(Direction direction) {
        return switch (direction) {
            case SRC -> List.of(SRC_IP);
            case DST -> List.of(DST_IP);
            case EITHER -> ADDRESSES;
            case BOTH -> List.of(SRC_IP, DST_IP);
        };
    }

    /** The port fields a port primitive with {@code direction} reads; as {@link #addresses(Direction)}. */
    public static List<String> ports(Direction direction) {
        return switch (direction) {
            case SRC -> List.of(SRC_PORT);
            case DST -> List.of(DST_PORT);
            case EITHER, BOTH -> List.of(SRC_PORT, DST_PORT);
        };
    }

    /** Whether every field of a primitive with {@code direction} must match ({@code src and dst}), not any one. */
    public static boolean all(Direction direction) {
        return direction == Direction.BOTH;
    }

    public static String field(Counter counter) {
        return switch (counter) {
            case PACKETS -> "packets";
            case BYTES -> "bytes";
            case FLOWS -> "flows";
            case TARGETS -> "targets";
        };
    }

    public static String field(Label label) {
        return switch (label) {
            case TYPE -> "type";
            case SEVERITY -> "severity";
            case JOB -> "job";
        };
    }
}
