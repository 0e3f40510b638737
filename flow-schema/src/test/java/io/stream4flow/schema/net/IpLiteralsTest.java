package io.stream4flow.schema.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    /** Java's parser of literals (no DNS for these inputs) is the reference for good addresses. */
    static byte[] reference(String literal) throws UnknownHostException {
        byte[] b = InetAddress.getByName(literal).getAddress();
        if (b.length == 4 && literal.indexOf(':') >= 0) {     // Java turns ::ffff:a.b.c.d into IPv4
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(b, 0, v6, 12, 4);
            return v6;
        }
        return b;
    }

    @Test
    void goodLiteralsParseLikeJavaDoes() throws UnknownHostException {
        for (String s : new String[] {"0.0.0.0", "127.0.0.1", "255.255.255.255", "192.0.2.10",
                "::", "::1", "1::", "2001:db8::", "2001:db8::1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8",
                "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8", "ABCD:ef01::", "::ffff:192.0.2.1",
                "64:ff9b::198.51.100.7", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4"}) {
            assertThat(IpLiterals.parse(s)).as(s).isEqualTo(reference(s));
        }
    }

    @Test
    void badLiteralsAreNull() {
        for (String s : new String[] {"", "1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04",
                "1..2.3", "1.2.3.4.", " 1.2.3.4", "a.b.c.d", "1.2.3.-4", "1234.1.1.1",
                ":", ":::", "1:::2", "1::2::3", "12345::", "g::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1.2.3.4::", "::1.2.3.4:5", "fe80::1%eth0",
                "[::1]", ":1::", "1::2:", "1:2:3:4:5:6:7:1.2.3.4", "::256.1.1.1", "::1.2.3"}) {
            assertThat(IpLiterals.parse(s)).as("'%s'", s).isNull();
        }
    }
}
