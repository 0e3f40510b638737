package io.stream4flow.cluster.jobs;

import io.stream4flow.schema.net.Cidr;
import io.stream4flow.schema.net.IpLiterals;
import java.util.List;

import org.apache.spark.sql.api.java.UDF1;

/**
 * Spark UDF {@code string -> boolean}: whether an address is inside any of the networks. A null or non-literal
 * address gives {@code false}. Runs on executors; stateless apart from the networks.
 */
public final class CidrMatcher implements UDF1<String, Boolean> {

    private static final long serialVersionUID = 1L;

    private final List<Cidr> networks;

    public CidrMatcher(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    @Override
    public Boolean call(String address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = IpLiterals.parse(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr n : networks) {
            if (n.contains(bytes)) {
                return true;
            }
        }
        return false;
    }
}
