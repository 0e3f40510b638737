package io.stream4flow.cli.query;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One document found: its index, its Elasticsearch {@code _id}, and its source as the jobs wrote it (field
 * names as in the README's "What the jobs write").
 */
public record Document(String index, String id, ObjectNode source) {

    /** The text of a top-level scalar field, or "" when the document has none. */
    public String text(String field) {
        var v = source.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }
}
