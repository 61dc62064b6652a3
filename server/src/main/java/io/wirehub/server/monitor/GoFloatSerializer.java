package io.wirehub.server.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a double as Go's encoding/json writes a float64: whole numbers without a fraction
 * ({@code 2}, not {@code 2.0}), so float fields read the same as nats-server's.
 */
final class GoFloatSerializer extends StdSerializer<Double> {
    /** Go switches to exponent form at 1e21; below that a whole number is written as an integer. */
    private static final double INTEGER_LIMIT = 1e21;

    GoFloatSerializer() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
        double v = value;
        if (v == Math.rint(v) && Math.abs(v) < INTEGER_LIMIT && Math.abs(v) <= Long.MAX_VALUE) {
            out.writeNumber((long) v);
        } else {
            out.writeNumber(v);
        }
    }
}
