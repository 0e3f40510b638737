package io.stream4flow.collector.decode;

import io.stream4flow.schema.InformationElement;

/**
 * A sampling configuration an exporter announced (options data, or the v5 header): the elements it
 * used and their values, as sent. Attached to later records of the same exporter and domain that
 * do not carry sampling elements themselves; counters in the records stay raw.
 */
public final class Sampling {
    final InformationElement[] elements;
    final long[] values;

    Sampling(InformationElement[] elements, long[] values) {
        this.elements = elements;
        this.values = values;
    }

    public int size() {
        return elements.length;
    }

    public InformationElement element(int i) {
        return elements[i];
    }

    public long value(int i) {
        return values[i];
    }

    boolean sameAs(Sampling o) {
        return o != null && java.util.Arrays.equals(elements, o.elements)
                && java.util.Arrays.equals(values, o.values);
    }

    /**
     * Packets represented by each sampled packet, derived from the announced elements (1 when
     * nothing says otherwise): samplingInterval / samplerRandomInterval / samplingPacketInterval
     * with samplingPacketSpace / samplingPopulation over samplingSize.
     */
    public double rate() {
        long interval = 0;
        long packetInterval = 0;
        long packetSpace = -1;
        long size = 0;
        long population = 0;
        for (int i = 0; i < elements.length; i++) {
            switch (elements[i].id()) {
                case 34, 50 -> interval = values[i];
                case 305 -> packetInterval = values[i];
                case 306 -> packetSpace = values[i];
                case 309 -> size = values[i];
                case 310 -> population = values[i];
                default -> { }
            }
        }
        if (packetInterval > 0 && packetSpace >= 0) {
            return (double) (packetInterval + packetSpace) / packetInterval;
        }
        if (size > 0 && population > 0) {
            return (double) population / size;
        }
        if (interval > 0) {
            return interval;
        }
        return 1;
    }
}
