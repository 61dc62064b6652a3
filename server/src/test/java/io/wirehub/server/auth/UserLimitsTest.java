package io.wirehub.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserLimitsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static UserLimits window(String start, String end) {
        return new UserLimits(List.of(), List.of(new UserLimits.TimeRange(start, end)), "UTC", -1, -1);
    }

    private static UserLimits from(String... cidrs) {
        return new UserLimits(List.of(cidrs), List.of(), "", -1, -1);
    }

    @Test
    void aWindowAdmitsInsideAndTellsHowLongIsLeft() {
        ZonedDateTime noon = ZonedDateTime.of(2026, 12, 5, 12, 0, 0, 0, UTC);
        assertThat(window("11:00:00", "13:00:00").windowRemainingMillis(noon)).isEqualTo(3_600_000);
        assertThat(window("13:00:00", "14:00:00").windowRemainingMillis(noon)).isEqualTo(-1);
        assertThat(window("9:00:00", "12:30:00").windowRemainingMillis(noon)).isEqualTo(1_800_000);
        assertThat(window("11:00", "13:00:00").windowRemainingMillis(noon)).isEqualTo(-1);
        assertThat(UserLimits.NONE.windowRemainingMillis(noon)).isZero();
    }

    @Test
    void aWindowOverMidnightStartsTodayAsInNatsServer() {
        UserLimits night = window("22:00:00", "06:00:00");
        assertThat(night.windowRemainingMillis(ZonedDateTime.of(2026, 12, 5, 23, 0, 0, 0, UTC)))
                .isEqualTo(7 * 3_600_000L);
        // nats-server places the window's start on today's date: at 03:00 it has not started yet.
        assertThat(night.windowRemainingMillis(ZonedDateTime.of(2026, 12, 5, 3, 0, 0, 0, UTC))).isEqualTo(-1);
    }

    @Test
    void sourcesMatchByCidrAndABadBlockRefuses() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::7");
        assertThat(from("127.0.0.0/8").sourceAllowed(loopback)).isTrue();
        assertThat(from("10.0.0.0/8", "127.0.0.1/32").sourceAllowed(loopback)).isTrue();
        assertThat(from("10.0.0.0/8").sourceAllowed(loopback)).isFalse();
        assertThat(from("2001:db8::/32").sourceAllowed(v6)).isTrue();
        assertThat(from("2001:db8::/32").sourceAllowed(loopback)).isFalse();
        assertThat(from("127.0.0.1", "127.0.0.0/8").sourceAllowed(loopback)).isFalse();
        assertThat(from("localhost/8").sourceAllowed(loopback)).isFalse();
        assertThat(from("127.0.0.0/8").sourceAllowed(null)).isFalse();
        assertThat(from().sourceAllowed(null)).isTrue();
    }

    @Test
    void connectionTypesIgnoreUnknownNamesUnlessAllAreUnknown() {
        UserGrant unknownOnly = new UserGrant(null, UserLimits.NONE, false, List.of("CARRIER_PIGEON"));
        UserGrant mixed = new UserGrant(null, UserLimits.NONE, false, List.of("carrier_pigeon", "websocket"));
        assertThat(unknownOnly.allowsConnectionType("STANDARD")).isFalse();
        assertThat(mixed.allowsConnectionType("WEBSOCKET")).isTrue();
        assertThat(mixed.allowsConnectionType("STANDARD")).isFalse();
        assertThat(new UserGrant(null, UserLimits.NONE, false, List.of()).allowsConnectionType("STANDARD")).isTrue();
    }
}
