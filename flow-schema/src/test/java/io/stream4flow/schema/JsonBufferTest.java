package io.stream4flow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBufferTest {

    private static String ipv6(String literal) throws Exception {
        JsonBuffer b = new JsonBuffer(8);
        b.ipv6(InetAddress.getByName(literal).getAddress().length == 16
                ? InetAddress.getByName(literal).getAddress() : mapped(literal), 0);
        return b.toString();
    }

    private static byte[] mapped(String v4) throws Exception {
        byte[] a = new byte[16];
        a[10] = (byte) 0xFF;
        a[11] = (byte) 0xFF;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, a, 12, 4);
        return a;
    }

    @ParameterizedTest
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",       // first of two equal runs
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",     // a single zero group is not shortened
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",              // the longest run wins
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:FFFF, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
    })
    void writesIpv6InRfc5952Form(String in, String want) throws Exception {
        assertThat(ipv6(in)).isEqualTo('"' + want + '"');
    }

    @Test
    void writesIpv4MappedIpv6WithDottedQuad() throws Exception {
        JsonBuffer b = new JsonBuffer();
        b.ipv6(mapped("192.0.2.33"), 0);
        assertThat(b.toString()).isEqualTo("\"::ffff:192.0.2.33\"");
    }

    @Test
    void writesIpv4AndMac() {
        JsonBuffer b = new JsonBuffer();
        b.beginArray().element().ipv4(new byte[] {10, 0, (byte) 255, 1}, 0)
                .element().mac(new byte[] {0, 0x1b, (byte) 0xAC, 1, 2, (byte) 0xFF}, 0).endArray();
        assertThat(b.toString()).isEqualTo("[\"10.0.255.1\",\"00:1b:ac:01:02:ff\"]");
    }

    @ParameterizedTest
    @CsvSource({"0,0", "7,7", "10,10", "1234567890,1234567890", "-1,18446744073709551615",
        "-9223372036854775808,9223372036854775808"})
    void writesUnsigned64(long v, String want) {
        JsonBuffer b = new JsonBuffer();
        b.unsignedNumber(v);
        assertThat(b.toString()).isEqualTo(want);
    }

    @Test
    void unsignedNumbersMatchTheJdkAtEveryDigitCount() {
        java.util.Random rnd = new java.util.Random(42);
        JsonBuffer b = new JsonBuffer(8);
        long p = 1;
        for (int d = 0; d < 19; d++, p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, p * 9 + (p - 1)}) {
                b.reset();
                b.unsignedNumber(v);
                assertThat(b.toString()).isEqualTo(Long.toUnsignedString(v));
            }
        }
        for (int i = 0; i < 100_000; i++) {
            long v = rnd.nextLong() >>> rnd.nextInt(64);
            b.reset();
            b.unsignedNumber(v);
            assertThat(b.toString()).isEqualTo(Long.toUnsignedString(v));
        }
    }

    @Test
    void writesSignedNumbers() {
        JsonBuffer b = new JsonBuffer();
        b.beginArray().element().number(-42).element().number(Long.MIN_VALUE).element().number(0).endArray();
        assertThat(b.toString()).isEqualTo("[-42,-9223372036854775808,0]");
    }

    @Test
    void stringsStopAtNulAndAreEscaped() {
        byte[] s = "a\"b\\c\n\u0001é\0junk".getBytes(StandardCharsets.UTF_8);
        JsonBuffer b = new JsonBuffer();
        b.utf8Field(s, 0, s.length);
        assertThat(b.toString()).isEqualTo("\"a\\\"b\\\\c\\n\\u0001é\"");
    }

    @Test
    void invalidUtf8BecomesHex() {
        byte[] s = {'o', 'k', (byte) 0xC3, 0x28};
        JsonBuffer b = new JsonBuffer();
        b.utf8Field(s, 0, s.length);
        assertThat(b.toString()).isEqualTo("\"0x6f6bc328\"");
        // a multi-byte sequence cut by the end of the field
        byte[] cut = {'x', (byte) 0xE2, (byte) 0x82};
        b.reset();
        b.utf8Field(cut, 0, cut.length);
        assertThat(b.toString()).isEqualTo("\"0x78e282\"");
        // overlong encoding and surrogates are not UTF-8
        assertThat(JsonBuffer.validUtf8(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2)).isFalse();
        assertThat(JsonBuffer.validUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)).isFalse();
        assertThat(JsonBuffer.validUtf8("€𝄞".getBytes(StandardCharsets.UTF_8), 0, 7)).isTrue();
    }

    @Test
    void membersAreSeparatedByCommasAtEachLevel() {
        JsonBuffer b = new JsonBuffer(4);
        b.beginObject().key("a").number(1).key("b").beginArray().element().number(2).element()
                .beginObject().key("c").bool(false).endObject().endArray().key("d").nullValue().endObject();
        assertThat(b.toString()).isEqualTo("{\"a\":1,\"b\":[2,{\"c\":false}],\"d\":null}");
    }

    @Test
    void ntpTimestampsBecomeEpochMillis() {
        long ntp = ((2_208_988_800L + 1_500_000_000L) << 32) | 0x8000_0000L; // +0.5 s
        assertThat(JsonBuffer.ntpToEpochMillis(ntp)).isEqualTo(1_500_000_000_500L);
    }

    @Test
    void floatsAndNonFinite() {
        JsonBuffer b = new JsonBuffer();
        b.beginArray().element().floating(1.5).element().floating(3.0).element().floating(Double.NaN).endArray();
        assertThat(b.toString()).isEqualTo("[1.5,3,null]");
    }
}
