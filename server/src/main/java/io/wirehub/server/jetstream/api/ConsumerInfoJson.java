package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Consumer info as nats-server writes it, field for field (no cluster on a single server). */
public final class ConsumerInfoJson {
    private ConsumerInfoJson() {
    }

    /** The info's fields, added to {@code out} after what it holds (the reply's type). */
    static ObjectNode put(ObjectNode out, String stream, ConsumerView consumer) {
        ConsumerView.ConsumerState s = consumer.state();
        out.put("stream_name", stream);
        out.put("name", consumer.name());
        out.put("created", GoTime.format(consumer.created()));
        out.set("config", ConsumerConfigJson.write(consumer.config()));
        ObjectNode delivered = out.putObject("delivered");
        delivered.put("consumer_seq", s.deliveredConsumerSeq()).put("stream_seq", s.deliveredStreamSeq());
        if (s.lastDelivered() != null) {
            delivered.put("last_active", GoTime.format(s.lastDelivered()));
        }
        ObjectNode ackFloor = out.putObject("ack_floor");
        ackFloor.put("consumer_seq", s.ackFloorConsumerSeq()).put("stream_seq", s.ackFloorStreamSeq());
        if (s.lastAck() != null) {
            ackFloor.put("last_active", GoTime.format(s.lastAck()));
        }
        out.put("num_ack_pending", s.numAckPending());
        out.put("num_redelivered", s.numRedelivered());
        out.put("num_waiting", s.numWaiting());
        out.put("num_pending", s.numPending());
        if (s.pushBound()) {
            out.put("push_bound", true);
        }
        out.put("ts", GoTime.format(Instant.now()));
        return out;
    }

    static ObjectNode info(String stream, ConsumerView consumer) {
        return put(JsonNodeFactory.instance.objectNode(), stream, consumer);
    }
}
