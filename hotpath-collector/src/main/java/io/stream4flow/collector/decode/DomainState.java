package io.stream4flow.collector.decode;

/**
 * Template, sequence and sampling state of one (exporter, version, observation domain / source
 * id). Only the thread that decodes the exporter's messages touches it.
 */
public final class DomainState {
    final int version;
    final long domain;
    final LongObjectMap<Template> templates = new LongObjectMap<>(16);
    final SequenceTracker sequence;
    /** Domain-wide sampling, or null. */
    Sampling sampling;
    /** Sampling per sampler / selector id, or null when none was announced. */
    LongObjectMap<Sampling> samplers;
    /** systemInitTimeMilliseconds announced in options data (IPFIX), or -1. */
    long systemInitMillis = -1;

    DomainState(int version, long domain) {
        this.version = version;
        this.domain = domain;
        this.sequence = new SequenceTracker(version);
    }

    public int version() {
        return version;
    }

    public long domain() {
        return domain;
    }

    /** The template of this id, or null. */
    public Template template(int id) {
        return templates.get(id);
    }

    public int templateCount() {
        return templates.size();
    }
}
