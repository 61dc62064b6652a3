package io.wirehub.server.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {
    @ParameterizedTest
    @CsvSource({
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "127.0.0.1, 127.0.0.1",
            "0:0:0:0:0:ffff:7f00:1, 127.0.0.1"})
    void writesAddressesAsGoDoes(String input, String expected) throws Exception {
        assertThat(IpText.of(InetAddress.getByName(input))).isEqualTo(expected);
    }
}
