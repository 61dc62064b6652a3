package io.wirehub.server.jetstream.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times written as Go's time.Time marshals them: RFC 3339, trailing fraction zeros dropped. */
public final class GoTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private GoTime() {
    }

    public static String format(Instant t) {
        return format(t.atOffset(ZoneOffset.UTC));
    }

    public static String format(OffsetDateTime t) {
        StringBuilder s = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
            s.append('.').append(fraction);
        }
        s.append(t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().getId());
        return s.toString();
    }
}
