package io.stream4flow.console.ui;

/** Pivots between the views: any pane that shows an address can open its host profile. */
public interface Navigator {
    /** Shows the host profile of {@code address} (an IPv4 or IPv6 literal). */
    void host(String address);
}
