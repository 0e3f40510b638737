package io.stream4flow.collector.net;

import io.stream4flow.schema.net.IpLiterals;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code HOST:PORT} pair as written in configuration and on the command line, and the
 * {@code udp://HOST:PORT} / {@code tcp://HOST:PORT} endpoint URIs built on it. HOST is an IPv4
 * literal, an IPv6 literal in brackets ({@code [::1]:4739}) or a host name; nothing is resolved
 * here (no DNS at parse time).
 *
 * @param host the host as written, without brackets
 * @param port 0-65535 (0: any free port, for listeners)
 */
public record HostPort(String host, int port) {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]*\\]|[^:\\[\\]/]+):([0-9]{1,5})");
    private static final Pattern ENDPOINT = Pattern.compile("([a-z]+)://(.*)");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");

    /**
     * Parses {@code HOST:PORT}.
     *
     * @throws IllegalArgumentException with a one-line message quoting {@code text}
     */
    public static HostPort parse(String text) {
        Matcher m = HOST_PORT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (IPv6 in brackets: [::1]:9464)");
        }
        return of(text, m.group(1), m.group(2));
    }

    /**
     * Parses {@code SCHEME://HOST:PORT} for one of {@code schemes} (lower case) and returns it as a
     * URI with the same text.
     *
     * @param form how the accepted forms are named in the error message, e.g.
     *     {@code "udp://HOST:PORT or tcp://HOST:PORT"}
     * @throws IllegalArgumentException with a one-line message quoting {@code text}
     */
    public static URI endpoint(String text, String form, String... schemes) {
        Matcher e = ENDPOINT.matcher(text);
        Matcher hp = e.matches() ? HOST_PORT.matcher(e.group(2)) : null;
        if (hp == null || !hp.matches() || !List.of(schemes).contains(e.group(1))) {
            throw new IllegalArgumentException("'" + text + "' is not " + form);
        }
        HostPort p = of(text, hp.group(1), hp.group(2));
        return URI.create(e.group(1) + "://" + p);
    }

    /** Host and port of an endpoint URI made by {@link #endpoint}. */
    public static HostPort of(URI endpoint) {
        String host = endpoint.getHost();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HostPort(host, endpoint.getPort());
    }

    private static HostPort of(String text, String host, String port) {
        String h = host;
        if (h.startsWith("[")) {
            h = h.substring(1, h.length() - 1);
            if (IpLiterals.ipv6(h) == null) {
                throw new IllegalArgumentException("'" + text + "': '" + h + "' is not an IPv6 address");
            }
        } else if (DOTTED_NUMBERS.matcher(h).matches()) {
            if (IpLiterals.ipv4(h) == null) {
                throw new IllegalArgumentException("'" + text + "': '" + h + "' is not an IPv4 address");
            }
        } else if (!HOST_NAME.matcher(h).matches()) {
            throw new IllegalArgumentException("'" + text + "': '" + h + "' is not a host name or address");
        }
        int p = Integer.parseInt(port);
        if (p > 65535) {
            throw new IllegalArgumentException("'" + text + "': port " + p + " is out of range (0-65535)");
        }
        return new HostPort(h, p);
    }

    /** An unresolved socket address (resolve it where blocking on DNS is acceptable). */
    public InetSocketAddress unresolved() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** {@code HOST:PORT}, IPv6 in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
