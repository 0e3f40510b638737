package io.stream4flow.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

/**
 * One pass over the bytes of one flow JSON object (the collector's flat {@code "scope:name"} encoding), keeping
 * the values of the keys of {@link FlowsView#JSON_SCHEMA} and skipping everything else.
 *
 * <p>Why hand-written: this is the hot path of every job (each flow passes here once), and Spark's
 * {@code from_json} over the same schema measured ~4.5x slower than this scanner on 2 cores (per million flows of
 * ~1 KB, above the bare Kafka read: 5.9 s against 1.3 s; the flows view 109 k against 222 k flows/s, see the
 * cluster README). It
 * allocates nothing per skipped key or value: keys are hashed while scanned and compared as bytes against the
 * known keys; only the values of known string keys become Strings.
 *
 * <p>Same results as {@code from_json(value, JSON_SCHEMA)} in Spark 3.5 (checked by {@code FlowJsonScannerTest}):
 * <ul>
 *   <li>input that is not one JSON object (empty, a scalar, an array, a syntax error anywhere, including inside
 *       skipped nested arrays and objects, bad escapes, unescaped control characters, leading zeros) gives no
 *       values at all ({@link #parse} returns {@code false});</li>
 *   <li>bytes after the closing brace of the object are ignored (Spark does not look at them either);</li>
 *   <li>a value of the wrong JSON type for its key (a string or a fraction for an integer key, an integer out of
 *       the column's range) is null, the other keys keep their values; a non-string value for a string key is
 *       its JSON text (numbers, {@code true}, arrays and objects, written as Jackson writes them);</li>
 *   <li>{@code null} is null; a repeated key takes its last value.</li>
 * </ul>
 * Known differences, for input the collector never writes: Spark's reader also accepts single-quoted strings
 * and {@code NaN}/{@code Infinity} (here: not an object), rejects invalid UTF-8 inside strings (here: decoded
 * with replacement characters) and nesting deeper than 1000 (here: limit 512, then not an object).
 *
 * <p>Not thread-safe: one instance per task (partition iterator); reusable across records.
 */
public final class FlowJsonScanner {

    /** How a known key's value is kept. */
    static final int STRING = 0;
    static final int LONG = 1;
    static final int INT = 2;

    private static final int MAX_DEPTH = 512;
    private static final int TABLE_BITS = 8;
    private static final int TABLE_MASK = (1 << TABLE_BITS) - 1;

    private static final String[] NAMES;
    private static final byte[][] KEYS;
    private static final int[] TYPES;
    /** Open addressing over the key hash: slot -> key index + 1, 0 = empty. */
    private static final int[] TABLE = new int[1 << TABLE_BITS];
    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    private static final JsonFactory JACKSON = new JsonFactory();

    static {
        StructField[] fields = FlowsView.JSON_SCHEMA.fields();
        if (fields.length > 64) {
            throw new IllegalStateException("more than 64 known keys: the presence mask is one long");
        }
        NAMES = new String[fields.length];
        KEYS = new byte[fields.length][];
        TYPES = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            NAMES[i] = fields[i].name();
            KEYS[i] = NAMES[i].getBytes(StandardCharsets.UTF_8);
            DataType t = fields[i].dataType();
            TYPES[i] = t.equals(DataTypes.StringType) ? STRING : t.equals(DataTypes.LongType) ? LONG : INT;
            BY_NAME.put(NAMES[i], i);
            int slot = hash(KEYS[i], 0, KEYS[i].length) & TABLE_MASK;
            while (TABLE[slot] != 0) {
                slot = (slot + 1) & TABLE_MASK;
            }
            TABLE[slot] = i + 1;
        }
    }

    /** Thrown (preallocated, no stack trace) to abandon a malformed record; never leaves {@link #parse}. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super("malformed flow JSON", null, false, false);
        }
    }

    private static final Malformed MALFORMED = new Malformed();

    private final long[] numbers = new long[NAMES.length];
    private final String[] strings = new String[NAMES.length];
    private long present;
    private byte[] buf;
    private int pos;
    private int end;
    private StringBuilder text;

    /** Index of a known key ({@link FlowsView#JSON_SCHEMA} order). */
    static int index(String name) {
        Integer i = BY_NAME.get(name);
        if (i == null) {
            throw new IllegalArgumentException("not a known key: " + name);
        }
        return i;
    }

    /**
     * Scans one record. Afterwards {@link #has}, {@link #number} and {@link #string} describe it.
     *
     * @return {@code false} when the bytes are not a JSON object (then no key has a value); never throws
     */
    public boolean parse(byte[] bytes, int offset, int length) {
        present = 0;
        if (bytes == null) {
            return false;
        }
        buf = bytes;
        pos = offset;
        end = offset + length;
        try {
            skipWhitespace();
            if (pos >= end || buf[pos] != '{') {
                present = 0;
                return false;
            }
            pos++;
            skipWhitespace();
            if (peek() == '}') {
                return true;
            }
            while (true) {
                int key = readKey();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                if (key < 0) {
                    skipValue(1);
                } else {
                    readValue(key);
                }
                skipWhitespace();
                int c = next();
                if (c == '}') {
                    return true;
                }
                if (c != ',') {
                    throw MALFORMED;
                }
                skipWhitespace();
            }
        } catch (Malformed e) {
            present = 0;
            return false;
        } finally {
            buf = null;
        }
    }

    /** Whether known key {@code index} had a non-null value of a usable type. */
    public boolean has(int index) {
        return (present & (1L << index)) != 0;
    }

    /** The value of an integer key; meaningful only when {@link #has}. */
    public long number(int index) {
        return numbers[index];
    }

    /** The value of a string key, or {@code null}. */
    public String string(int index) {
        return has(index) ? strings[index] : null;
    }

    // ---- keys

    /** Reads a quoted key; its known index or -1. */
    private int readKey() {
        expect('"');
        int start = pos;
        int h = 0;
        while (true) {
            if (pos >= end) {
                throw MALFORMED;
            }
            byte b = buf[pos];
            if (b == '"') {
                break;
            }
            if (b == '\\') {  // escaped key: rare, decode it
                pos = start;
                Integer i = BY_NAME.get(readStringBody());
                return i == null ? -1 : i;
            }
            if ((b & 0xFF) < 0x20) {
                throw MALFORMED;
            }
            h = 31 * h + b;
            pos++;
        }
        int len = pos - start;
        pos++;
        int slot = h & TABLE_MASK;
        while (true) {
            int entry = TABLE[slot];
            if (entry == 0) {
                return -1;
            }
            byte[] k = KEYS[entry - 1];
            if (k.length == len && java.util.Arrays.equals(k, 0, len, buf, start, start + len)) {
                return entry - 1;
            }
            slot = (slot + 1) & TABLE_MASK;
        }
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    // ---- values of known keys

    private void readValue(int key) {
        int c = peek();
        long bit = 1L << key;
        if (c == 'n') {
            literal("null");
            present &= ~bit;
            return;
        }
        if (TYPES[key] == STRING) {
            if (c == '"') {
                pos++;
                strings[key] = readStringBody();
            } else {
                int start = pos;
                skipValue(1);
                strings[key] = jsonText(start, pos);
            }
            present |= bit;
            return;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            if (readInteger(key)) {
                present |= bit;
            } else {
                present &= ~bit;
            }
            return;
        }
        skipValue(1);     // string, boolean, array or object where a number belongs: null
        present &= ~bit;
    }

    /** Reads a JSON number; true and the value stored when it is an integer in the key's range. */
    private boolean readInteger(int key) {
        boolean negative = false;
        if (buf[pos] == '-') {
            negative = true;
            pos++;
        }
        int first = next();
        if (first < '0' || first > '9') {
            throw MALFORMED;
        }
        long value = -(first - '0');           // accumulated negatively: covers Long.MIN_VALUE
        boolean fits = true;
        if (first != '0') {
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                int d = buf[pos++] - '0';
                if (value < Long.MIN_VALUE / 10 || (value == Long.MIN_VALUE / 10 && d > 8)) {
                    fits = false;
                } else if (fits) {
                    value = value * 10 - d;
                }
            }
        }
        boolean integral = !skipFractionAndExponent();
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                fits = false;
            }
            value = -value;
        }
        if (!integral || !fits) {
            return false;
        }
        if (TYPES[key] == INT && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            return false;
        }
        numbers[key] = value;
        return true;
    }

    /** Skips an optional fraction and exponent of a number; true when there was either. */
    private boolean skipFractionAndExponent() {
        boolean more = false;
        if (pos < end && buf[pos] == '.') {
            pos++;
            digits();
            more = true;
        }
        if (pos < end && (buf[pos] == 'e' || buf[pos] == 'E')) {
            pos++;
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            digits();
            more = true;
        }
        return more;
    }

    private void digits() {
        int start = pos;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw MALFORMED;
        }
    }

    /** The string after its opening quote, decoded; {@link #pos} ends after the closing quote. */
    private String readStringBody() {
        int start = pos;
        while (pos < end) {
            byte b = buf[pos];
            if (b == '"') {
                String s = new String(buf, start, pos - start, StandardCharsets.UTF_8);
                pos++;
                return s;
            }
            if (b == '\\') {
                return readEscapedString(start);
            }
            if ((b & 0xFF) < 0x20) {
                throw MALFORMED;
            }
            pos++;
        }
        throw MALFORMED;
    }

    private String readEscapedString(int start) {
        if (text == null) {
            text = new StringBuilder();
        }
        text.setLength(0);
        text.append(new String(buf, start, pos - start, StandardCharsets.UTF_8));
        int run = pos;
        while (true) {
            if (pos >= end) {
                throw MALFORMED;
            }
            byte b = buf[pos];
            if (b == '"' || b == '\\') {
                text.append(new String(buf, run, pos - run, StandardCharsets.UTF_8));
                pos++;
                if (b == '"') {
                    return text.toString();
                }
                int e = next();
                switch (e) {
                    case '"', '\\', '/' -> text.append((char) e);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> text.append((char) hex4());
                    default -> throw MALFORMED;
                }
                run = pos;
            } else if ((b & 0xFF) < 0x20) {
                throw MALFORMED;
            } else {
                pos++;
            }
        }
    }

    private int hex4() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int c = next();
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                throw MALFORMED;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** A non-string value given where a string belongs, as Spark's reader renders it: Jackson's JSON text. */
    private String jsonText(int start, int stop) {
        try (JsonParser p = JACKSON.createParser(buf, start, stop - start)) {
            p.nextToken();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JACKSON.createGenerator(out)) {
                g.copyCurrentStructure(p);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw MALFORMED;
        }
    }

    // ---- skipping (validates, allocates nothing)

    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw MALFORMED;
        }
        int c = peek();
        switch (c) {
            case '"' -> {
                pos++;
                skipStringBody();
            }
            case '{' -> {
                pos++;
                skipWhitespace();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                while (true) {
                    expect('"');
                    skipStringBody();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    skipValue(depth + 1);
                    skipWhitespace();
                    int n = next();
                    if (n == '}') {
                        return;
                    }
                    if (n != ',') {
                        throw MALFORMED;
                    }
                    skipWhitespace();
                }
            }
            case '[' -> {
                pos++;
                skipWhitespace();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    skipValue(depth + 1);
                    skipWhitespace();
                    int n = next();
                    if (n == ']') {
                        return;
                    }
                    if (n != ',') {
                        throw MALFORMED;
                    }
                    skipWhitespace();
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    skipNumber();
                } else {
                    throw MALFORMED;
                }
            }
        }
    }

    private void skipNumber() {
        if (buf[pos] == '-') {
            pos++;
        }
        int first = next();
        if (first < '0' || first > '9') {
            throw MALFORMED;
        }
        if (first != '0') {
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
            }
        }
        skipFractionAndExponent();
    }

    private void skipStringBody() {
        while (pos < end) {
            byte b = buf[pos++];
            if (b == '"') {
                return;
            }
            if (b == '\\') {
                int e = next();
                switch (e) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
                    case 'u' -> hex4();
                    default -> throw MALFORMED;
                }
            } else if ((b & 0xFF) < 0x20) {
                throw MALFORMED;
            }
        }
        throw MALFORMED;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw MALFORMED;
            }
        }
        // "nullx" / "true1": the following byte must end the token
        if (pos < end) {
            int c = buf[pos];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                throw MALFORMED;
            }
        }
    }

    // ---- bytes

    private void skipWhitespace() {
        while (pos < end) {
            byte b = buf[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        if (pos >= end) {
            throw MALFORMED;
        }
        return buf[pos] & 0xFF;
    }

    private int next() {
        if (pos >= end) {
            throw MALFORMED;
        }
        return buf[pos++] & 0xFF;
    }

    private void expect(char c) {
        if (next() != c) {
            throw MALFORMED;
        }
    }
}
