package io.stream4flow.collector.decode;

/**
 * Bounds on the state a sender can make the decoder keep. Every one is checked before memory is
 * taken.
 *
 * @param maxDomainsPerExporter observation domains (IPFIX) / source ids (v9) / engines (v5) kept
 *     per exporter
 * @param maxTemplatesPerDomain templates kept per domain; further ones are counted and dropped
 * @param maxFieldsPerTemplate field count above which a template is rejected
 * @param templateLifetimeMillis a template not refreshed for this long is forgotten (0: never);
 *     RFC 7011 section 8.4 and RFC 3954 leave the value to the collector
 * @param heldBytesPerExporter bytes of data sets held, per exporter, while waiting for their
 *     template (0 disables holding)
 * @param heldMaxAgeMillis held data older than this is dropped and counted
 * @param maxListDepth nesting of RFC 6313 lists decoded into JSON
 */
public record DecoderLimits(int maxDomainsPerExporter, int maxTemplatesPerDomain,
                            int maxFieldsPerTemplate, long templateLifetimeMillis,
                            int heldBytesPerExporter, long heldMaxAgeMillis, int maxListDepth) {

    /** The defaults: 1024 domains, 4096 templates, 512 fields, 30 min, 1 MiB, 60 s, depth 4. */
    public static final DecoderLimits DEFAULTS =
            new DecoderLimits(1024, 4096, 512, 30 * 60_000L, 1 << 20, 60_000L, 4);

    public DecoderLimits withTemplateLifetime(long millis) {
        return new DecoderLimits(maxDomainsPerExporter, maxTemplatesPerDomain, maxFieldsPerTemplate,
                millis, heldBytesPerExporter, heldMaxAgeMillis, maxListDepth);
    }

    public DecoderLimits withHeld(int bytes, long maxAgeMillis) {
        return new DecoderLimits(maxDomainsPerExporter, maxTemplatesPerDomain, maxFieldsPerTemplate,
                templateLifetimeMillis, bytes, maxAgeMillis, maxListDepth);
    }
}
