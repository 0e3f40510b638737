package io.stream4flow.cluster.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.stream4flow.schema.net.PemTrust;
import java.nio.file.Path;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.apache.spark.sql.Row;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;

/**
 * Writes documents to Elasticsearch with the bulk API and installs the {@code s4f-*} index template.
 *
 * <p>Documents are indexed (create or overwrite) or merged under their deterministic id, so writing a replayed
 * micro-batch again leaves one document per id. Never calls {@code info()} or ping (the integ-test distribution answers
 * {@code GET /} with 405). Thread safety: one caller at a time (the runner calls it from the query's
 * micro-batch thread).
 */
public final class ElasticsearchWriter implements AutoCloseable {

    /** Name of the installed composable index template. */
    public static final String TEMPLATE = "s4f";
    private static final String TEMPLATE_RESOURCE = "s4f-index-template.json";
    private static final int BULK_SIZE = 1000;

    private final RestClient rest;
    private final ElasticsearchClient client;

    private ElasticsearchWriter(RestClient rest) {
        this.rest = rest;
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    /** A writer for the node at {@code url} (e.g. {@code http://127.0.0.1:9200}); connects lazily. */
    public static ElasticsearchWriter connect(String url) {
        return connect(url, null, null, null);
    }

    /**
     * A writer logging in as {@code username} (HTTP basic authentication; null: none) and trusting the CA
     * certificates of the PEM file {@code ca} (null: the JVM's) for an {@code https://} {@code url}.
     */
    public static ElasticsearchWriter connect(String url, String username, String password, Path ca) {
        RestClientBuilder b = RestClient.builder(HttpHost.create(url));
        if (username != null) {
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))});
        }
        if (ca != null) {
            SSLContext ssl = PemTrust.context(ca);
            b.setHttpClientConfigCallback(client -> client.setSSLContext(ssl));
        }
        return new ElasticsearchWriter(b.build());
    }

    /** The client, for queries (tests, CLI). */
    public ElasticsearchClient client() {
        return client;
    }

    /**
     * Installs (or replaces) the index template {@value #TEMPLATE} for {@code s4f-*}: ip, date and keyword
     * mappings of the document fields, other strings as keywords.
     *
     * @throws UncheckedIOException when Elasticsearch cannot be reached or refuses the template
     */
    public void installTemplates() {
        try (InputStream in = ElasticsearchWriter.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            client.indices().putIndexTemplate(b -> b.name(TEMPLATE).withJson(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install index template " + TEMPLATE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Bulk-indexes rows of {@code id, index, json} in requests of {@value #BULK_SIZE}; returns how many.
     *
     * @throws IllegalStateException when any item fails (so the micro-batch fails and Spark retries it), naming
     *     the count and the first failure
     * @throws UncheckedIOException when Elasticsearch cannot be reached
     */
    public long write(Iterator<Row> documents) {
        return bulkAll(documents, r -> {
            byte[] json = r.getString(2).getBytes(StandardCharsets.UTF_8);
            return BulkOperation.of(o -> o.index(i -> i.index(r.getString(1)).id(r.getString(0))
                    .document(BinaryData.of(json, ContentType.APPLICATION_JSON))));
        });
    }

    /**
     * As {@link #write}, but each document is merged into the one already under its id (created when there is
     * none): fields it has replace the stored ones, fields it lacks stay, and objects merge key by key (so a host
     * profile's {@code alerts}, an object of one entry per alert, grow with each alert merged in, and survive the
     * profile's own rewrites).
     */
    public long merge(Iterator<Row> documents) {
        return bulkAll(documents, r -> {
            byte[] body = ("{\"doc\":" + r.getString(2) + ",\"doc_as_upsert\":true}").getBytes(StandardCharsets.UTF_8);
            // profiles are merged by their job's query and by the alerts' queries: retry a concurrent update
            return BulkOperation.of(o -> o.update(u -> u.index(r.getString(1)).id(r.getString(0)).retryOnConflict(5)
                    .binaryAction(BinaryData.of(body, ContentType.APPLICATION_JSON))));
        });
    }

    private long bulkAll(Iterator<Row> rows, java.util.function.Function<Row, BulkOperation> operation) {
        long written = 0;
        List<BulkOperation> ops = new ArrayList<>(BULK_SIZE);
        while (rows.hasNext()) {
            ops.add(operation.apply(rows.next()));
            if (ops.size() == BULK_SIZE) {
                written += bulk(ops);
                ops = new ArrayList<>(BULK_SIZE);
            }
        }
        if (!ops.isEmpty()) {
            written += bulk(ops);
        }
        return written;
    }

    private int bulk(List<BulkOperation> ops) {
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(ops));
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch bulk request failed: " + e.getMessage(), e);
        }
        if (response.errors()) {
            List<BulkResponseItem> failed = response.items().stream().filter(i -> i.error() != null).toList();
            BulkResponseItem first = failed.get(0);
            throw new IllegalStateException("Elasticsearch bulk: " + failed.size() + " of " + ops.size()
                    + " documents failed; first " + first.index() + "/" + first.id() + ": " + first.error().type()
                    + ": " + first.error().reason()
                    + (first.error().causedBy() == null ? "" : " (" + first.error().causedBy().reason() + ")"));
        }
        return ops.size();
    }

    @Override
    public void close() {
        try {
            rest.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
