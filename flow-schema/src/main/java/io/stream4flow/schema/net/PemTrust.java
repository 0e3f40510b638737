package io.stream4flow.schema.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client context that trusts the CA certificates of a PEM file (what Stream4Flow's deployment generates and
 * what Elasticsearch's {@code certutil} writes): one home for every HTTPS client of the project (s4fctl, the
 * console, the jobs' Elasticsearch writer, the local stack's health checks). Stateless; any thread.
 */
public final class PemTrust {

    private PemTrust() {
    }

    /**
     * A TLS context trusting exactly the certificates in {@code pem}; an {@link IllegalArgumentException} saying
     * why when the file cannot be read or holds no certificate.
     */
    public static SSLContext context(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("no certificate in " + pem);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificates of " + pem + ": " + e.getMessage(), e);
        }
    }
}
