package io.stream4flow.collector.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stream4flow.collector.offline.DecodeSummary;
import io.stream4flow.collector.testing.Corpus;
import io.stream4flow.schema.DataType;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.InformationElement;
import io.stream4flow.schema.JsonBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the corpus, fed in order through one exporter's state, against the reference decode
 * in {@code expected/} (tshark 4.0, normalised to IANA names; see its README).
 *
 * <p>Expected records are those of {@code <case>.jsonl} plus those listed in the case's notes file
 * (records tshark gives only when each message is sent alone: several messages in one file, the
 * H3C flowsets after tshark's exception). Malformed cases expect nothing and a counted reason.
 *
 * <p>Name mapping, reference key → our key:
 * <ul>
 *   <li>{@code name} (IANA) → {@code iana:name}; {@code reverseName} → {@code iana@reverse:name};
 *       {@code scope:name} → {@code scope:name}; {@code cert:reverseName} → {@code cert@reverse:name};
 *   <li>{@code id<N>} → {@code en0:id<N>}; {@code en<P>:id<N>} unchanged; v9 scopes {@code
 *       scopeSystem} ... → {@code netflow:scopeSystem}, {@code scopeId<N>} → {@code en0:id<N>};
 *   <li>{@code paddingOctets} (and {@code #2}) → not written by us (padding carries no data);
 *   <li>{@code @version} → {@code ipfix:version}, {@code @odid} → {@code ipfix:odid} (v5: engine
 *       type and id), {@code @templateId} → {@code ipfix:templateId}, {@code @options} → {@code
 *       ipfix:options}, {@code @sysUptime} → {@code ipfix:sysUpTime}, {@code @unixSecs} → {@code
 *       ipfix:exportTime} / 1000.
 * </ul>
 * Values: dateTime* elements are epoch milliseconds for us and raw for the reference (seconds, NTP);
 * booleans are {@code true/false} for us and 1/2 for the reference; RFC 6313 lists are JSON arrays
 * for us and hex for the reference (compared for presence only).
 */
class CorpusDecodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ElementRegistry REGISTRY = ElementRegistry.bundled();

    static Stream<Corpus.Case> cases() {
        return Corpus.cases().stream();
    }

    record Result(List<ObjectNode> records, DecodeSummary summary) { }

    static Result decode(Corpus.Case c) throws IOException {
        Corpus.Decoded d = Corpus.decode(c);
        List<ObjectNode> records = new ArrayList<>();
        for (String line : d.lines()) {
            records.add((ObjectNode) JSON.readTree(line));
        }
        return new Result(records, d.summary());
    }

    static List<ObjectNode> expected(Corpus.Case c) {
        return Corpus.expected(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesLikeTheReference(Corpus.Case c) throws IOException {
        Result r = decode(c);
        if (c.malformed()) {
            assertThat(r.records()).as("records of a malformed case").isEmpty();
            assertThat(r.summary().errors()).as("counted rejections").isPositive();
            return;
        }
        List<ObjectNode> expected = expected(c);
        List<ObjectNode> ours = new ArrayList<>(r.records());
        List<String> problems = new ArrayList<>();
        for (ObjectNode e : expected) {
            ObjectNode want = translate(e);
            ObjectNode match = null;
            String firstDiff = null;
            for (ObjectNode o : ours) {
                String diff = difference(want, o);
                if (diff == null) {
                    match = o;
                    break;
                }
                if (firstDiff == null) {
                    firstDiff = diff;
                }
            }
            if (match == null) {
                problems.add("no record matches " + e + "\n   first difference: " + firstDiff);
            } else {
                ours.remove(match);
            }
        }
        assertThat(problems).as("expected records not decoded alike").isEmpty();
        // what is left is explained by the case: data held before its template and decoded later
        int extra = ours.size();
        if (c.name().equals("ipfix-netscaler-with-variable-length-fields-2")) {
            assertThat(extra).as("packet 1 held, decoded once the template came").isEqualTo(3);
            assertThat(r.summary().get(DecodeCounter.HELD_RECORDS_DECODED)).isEqualTo(3);
        } else {
            assertThat(ours).as("records beyond the reference").isEmpty();
        }
    }

    /** The reference record with our names and value units. */
    static ObjectNode translate(ObjectNode e) {
        ObjectNode w = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = e.fields();
        int version = e.path("@version").asInt();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            JsonNode v = f.getValue();
            switch (k) {
                case "@case", "@packet", "@message", "@flowset" -> { }
                case "@version" -> w.set("ipfix:version", v);
                case "@odid" -> w.set("ipfix:odid", v);
                case "@templateId" -> w.set("ipfix:templateId", v);
                case "@options" -> w.set("ipfix:options", v);
                case "@sysUptime" -> w.set("ipfix:sysUpTime", v);
                case "@unixSecs" -> w.put("@exportSeconds", v.asLong());
                default -> {
                    if (k.startsWith("paddingOctets")) {
                        break;
                    }
                    String key = ourKey(k, version);
                    int hash = key.indexOf('#');
                    if (hash > 0) {
                        // later occurrences of a duplicated element: we write one array
                        String base = key.substring(0, hash);
                        JsonNode first = w.get(base);
                        com.fasterxml.jackson.databind.node.ArrayNode arr;
                        if (first != null && first.isArray() && first.has("__dup")) {
                            arr = (com.fasterxml.jackson.databind.node.ArrayNode) first;
                        } else {
                            arr = JSON.createArrayNode();
                            arr.add(first);
                            w.set(base, arr);
                        }
                        arr.add(ourValue(base, v));
                    } else {
                        w.set(key, ourValue(key, v));
                    }
                }
            }
        }
        return w;
    }

    static String ourKey(String k, int version) {
        if (k.startsWith("scope") && !k.contains(":")) {
            if (k.startsWith("scopeId")) {
                return "en0:id" + k.substring("scopeId".length());
            }
            return "netflow:" + k;
        }
        if (k.matches("id\\d+")) {
            return "en0:" + k;
        }
        if (k.startsWith("en") && k.matches("en\\d+:id\\d+")) {
            return k;
        }
        int colon = k.indexOf(':');
        if (colon > 0) {
            String scope = k.substring(0, colon);
            String name = k.substring(colon + 1);
            if (name.startsWith("reverse") && REGISTRY.byKey(scope + "@reverse:" + lowerFirst(name.substring(7))) != null) {
                return scope + "@reverse:" + lowerFirst(name.substring(7));
            }
            return k;
        }
        if (REGISTRY.byKey("iana:" + k) != null) {
            return "iana:" + k;
        }
        if (k.startsWith("reverse")) {
            return "iana@reverse:" + lowerFirst(k.substring(7));
        }
        return "iana:" + k;
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static JsonNode ourValue(String key, JsonNode v) {
        InformationElement ie = REGISTRY.byKey(key);
        if (ie == null) {
            return v;
        }
        DataType t = ie.dataType();
        if (v.isNumber()) {
            switch (t) {
                case DATE_TIME_SECONDS:
                    return JSON.getNodeFactory().numberNode(v.asLong() * 1000L);
                case DATE_TIME_MICROSECONDS:
                case DATE_TIME_NANOSECONDS:
                    return JSON.getNodeFactory().numberNode(JsonBuffer.ntpToEpochMillis(v.bigIntegerValue().longValue()));
                case BOOLEAN:
                    if (v.asInt() == 1 || v.asInt() == 2) {
                        return JSON.getNodeFactory().booleanNode(v.asInt() == 1);
                    }
                    return v;
                default:
                    return v;
            }
        }
        if (t.isList() && v.isTextual()) {
            return JSON.getNodeFactory().textNode("@list");
        }
        return v;
    }

    /** Null when {@code ours} has every member of {@code want} with an equal value; else the first difference. */
    static String difference(ObjectNode want, ObjectNode ours) {
        Iterator<Map.Entry<String, JsonNode>> it = want.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String k = f.getKey();
            JsonNode w = f.getValue();
            if (k.equals("@exportSeconds")) {
                if (ours.path("ipfix:exportTime").asLong() / 1000 != w.asLong()) {
                    return k + ": want " + w + " got " + ours.path("ipfix:exportTime");
                }
                continue;
            }
            JsonNode o = ours.get(k);
            if (o == null) {
                return k + " missing (want " + w + ")";
            }
            if (w.isTextual() && w.asText().equals("@list")) {
                if (!o.isArray()) {
                    return k + ": want a list, got " + o;
                }
                continue;
            }
            if (!sameValue(w, o)) {
                return k + ": want " + w + " got " + o;
            }
        }
        return null;
    }

    static boolean sameValue(JsonNode w, JsonNode o) {
        if (w.isArray() && o.isArray()) {
            if (w.size() != o.size()) {
                return false;
            }
            for (int i = 0; i < w.size(); i++) {
                if (!sameValue(w.get(i), o.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (w.isNumber() && o.isNumber()) {
            if (w.isFloatingPointNumber() || o.isFloatingPointNumber()) {
                double a = w.asDouble();
                double b = o.asDouble();
                return a == b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
            }
            return w.bigIntegerValue().equals(o.bigIntegerValue());
        }
        return w.equals(o);
    }
}
