package io.wirehub.server.jetstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirehub.server.config.JetStreamAccountLimits;
import io.wirehub.server.stats.JetStreamStats;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which $JS.API requests get which answer, and how they are counted (nats-server 2.10's rules). */
class JsApiDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JetStreamStats server = new JetStreamStats(
            new JetStreamStats.Settings(1, 2, "/tmp/x/jetstream", 0, false, "", true, ""), 1);

    private JsonNode answer(JsApiDispatcher dispatcher, String subject, String body) throws Exception {
        Optional<byte[]> reply = dispatcher.respond(subject, body.getBytes(StandardCharsets.UTF_8)).map(JsApiDispatcher.Answer::reply);
        assertThat(reply).as(subject).isPresent();
        return JSON.readTree(reply.get());
    }

    @Test
    void accountInfoShowsLimitsDomainAndCountsBeforeThisRequest() throws Exception {
        JsAccount account = new JsAccount("A", new JetStreamAccountLimits(1, 2, 3, 4, 5, 6, 7, true), JsAccountUsage.NONE);
        JsApiDispatcher dispatcher = new JsApiDispatcher(account, "hub", 0, server);
        String first = new String(dispatcher.respond("INFO", new byte[0]).map(JsApiDispatcher.Answer::reply).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(first).isEqualTo("{\"type\":\"io.nats.jetstream.api.v1.account_info_response\",\"memory\":0,"
                + "\"storage\":0,\"reserved_memory\":0,\"reserved_storage\":0,\"streams\":0,\"consumers\":0,"
                + "\"limits\":{\"max_memory\":1,\"max_storage\":2,\"max_streams\":3,\"max_consumers\":4,"
                + "\"max_ack_pending\":5,\"memory_max_stream_bytes\":6,\"storage_max_stream_bytes\":7,"
                + "\"max_bytes_required\":true},\"domain\":\"hub\",\"api\":{\"total\":0,\"errors\":0}}");
        answer(dispatcher, "STREAM.CREATE.S", "{\"name\":\"S\",\"max_age\":1}");
        JsonNode third = answer(dispatcher, "INFO", "");
        assertThat(third.get("api").get("total").asLong()).isEqualTo(2);
        assertThat(third.get("api").get("errors").asLong()).isEqualTo(1);
        assertThat(server.snapshot().apiTotal()).isEqualTo(3);
        assertThat(server.snapshot().apiErrors()).isEqualTo(1);
    }

    @Test
    void accountWithoutJetStreamGetsNotEnabledWithTheReplyTypesFields() throws Exception {
        JsApiDispatcher dispatcher = new JsApiDispatcher(new JsAccount("B", null, JsAccountUsage.NONE), "", 0, server);
        JsonNode names = answer(dispatcher, "STREAM.NAMES", "");
        assertThat(names.toString()).isEqualTo("{\"type\":\"io.nats.jetstream.api.v1.stream_names_response\","
                + "\"error\":{\"code\":503,\"err_code\":10039,\"description\":\"JetStream not enabled for account\"},"
                + "\"total\":0,\"offset\":0,\"limit\":0,\"streams\":null}");
        assertThat(answer(dispatcher, "STREAM.PURGE.S", "").get("purged").asInt()).isZero();
        assertThat(server.snapshot().apiTotal()).as("nothing counted without JetStream").isZero();
    }

    @Test
    void unknownAndSystemOnlySubjectsGetNoReply() {
        JsApiDispatcher dispatcher = new JsApiDispatcher(
                new JsAccount("A", JetStreamAccountLimits.UNLIMITED, JsAccountUsage.NONE), "", 0, server);
        assertThat(dispatcher.respond("NO.SUCH", new byte[0])).isEmpty();
        assertThat(dispatcher.respond("INFO.X", new byte[0])).isEmpty();
        assertThat(dispatcher.respond("META.LEADER.STEPDOWN", new byte[0])).isEmpty();
        assertThat(dispatcher.respond("ACCOUNT.PURGE.A", new byte[0])).isEmpty();
    }

    @Test
    void validCreateIsRefusedWithNatsServersStoreFailureUntilStreamsAreStored() throws Exception {
        JsApiDispatcher dispatcher = new JsApiDispatcher(
                new JsAccount("A", JetStreamAccountLimits.UNLIMITED, JsAccountUsage.NONE), "", 0, server);
        JsonNode reply = answer(dispatcher, "STREAM.CREATE.S", "{\"name\":\"S\"}");
        assertThat(reply.get("error").get("err_code").asInt()).isEqualTo(10049);
        assertThat(reply.get("error").get("description").asText()).isEqualTo("error creating store for stream");
    }

    @Test
    void accountMaxBytesRequiredAppliesToCreate() throws Exception {
        JsAccount account = new JsAccount("A", new JetStreamAccountLimits(-1, -1, -1, -1, -1, -1, -1, true),
                JsAccountUsage.NONE);
        JsonNode reply = answer(new JsApiDispatcher(account, "", 0, server), "STREAM.CREATE.S", "{\"name\":\"S\"}");
        assertThat(reply.get("error").get("err_code").asInt()).isEqualTo(10113);
    }
}
