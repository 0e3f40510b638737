package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.udf;

import io.stream4flow.schema.net.Cidr;
import io.stream4flow.schema.net.IpLiterals;
import java.util.List;

import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

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

    /** The matcher as a Spark function of an address column. */
    public static UserDefinedFunction function(List<Cidr> networks) {
        return udf(new CidrMatcher(networks), DataTypes.BooleanType);
    }

    /** {@link #function(List)} of a job's {@code CIDR_LIST} parameter {@code name}. */
    public static UserDefinedFunction function(JobParams params, String name) {
        return function(params.cidrs(name));
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
