package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wirehub.server.config.JetStreamAccountLimits;
import io.wirehub.server.stats.JetStreamAccountDetail;
import io.wirehub.server.stats.JetStreamAccountDetail.ConsumerDetail;
import io.wirehub.server.stats.JetStreamAccountDetail.StreamDetail;
import io.wirehub.server.jetstream.store.StoreState;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of an account's streams and consumers for monitoring (/jsz, /metrics, the dashboard),
 * written with the API's own JSON writers so /jsz shows what STREAM.INFO and CONSUMER.INFO show.
 */
public final class JszDetails {
    private JszDetails() {
    }

    /** The account's figures; its streams (and their consumers) too when {@code withStreams}. */
    public static JetStreamAccountDetail account(JsAccount account, JsStreams streams, boolean withStreams) {
        JsAccountUsage usage = account.usage();
        JetStreamAccountLimits limits = account.limits();
        List<StreamDetail> details = new ArrayList<>();
        long messages = 0;
        long bytes = 0;
        int consumers = 0;
        List<StreamView> all = streams.all();
        for (StreamView stream : all) {
            StoreState state = stream.state();
            messages += state.msgs();
            bytes += state.bytes();
            consumers += stream.consumerCount();
            if (withStreams) {
                details.add(stream(stream, state));
            }
        }
        return new JetStreamAccountDetail(account.name(), usage.memoryBytes(), usage.storageBytes(),
                limits == null ? 0 : limits.maxMemory(), limits == null ? 0 : limits.maxStore(), account.apiTotal(),
                account.apiErrors(), all.size(), consumers, messages, bytes, details);
    }

    private static StreamDetail stream(StreamView stream, StoreState state) {
        String name = stream.config().name();
        List<ConsumerDetail> consumers = new ArrayList<>();
        for (ConsumerView c : stream.consumers()) {
            ConsumerView.ConsumerState s = c.state();
            consumers.add(new ConsumerDetail(name, c.name(), c.config().deliverSubject().isEmpty(), s.numPending(),
                    s.numAckPending(), s.numRedelivered(), s.numWaiting(), s.deliveredStreamSeq(),
                    StreamConfigJson.text(ConsumerInfoJson.info(name, c))));
        }
        String mirror = stream.mirrorInfo().map(m -> StreamConfigJson.text(StreamInfoJson.source(m))).orElse(null);
        List<SourceInfo> sourceInfos = stream.sourcesInfo();
        String sources = null;
        if (!sourceInfos.isEmpty()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            sourceInfos.forEach(s -> a.add(StreamInfoJson.source(s)));
            sources = StreamConfigJson.text(a);
        }
        return new StreamDetail(name, GoTime.format(stream.created()), state.msgs(), state.bytes(),
                StreamConfigJson.text(StreamConfigJson.write(stream.config())),
                StreamConfigJson.text(StreamInfoJson.state(stream, StreamInfoJson.Extras.NONE)), mirror, sources,
                consumers);
    }
}
