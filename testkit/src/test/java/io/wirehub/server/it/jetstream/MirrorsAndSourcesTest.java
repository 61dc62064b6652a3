package io.wirehub.server.it.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.External;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.Mirror;
import io.nats.client.api.Source;
import io.nats.client.api.SourceInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.SubjectTransform;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import io.wirehub.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mirrors and sources between streams of one account, through jnats' JetStreamManagement: a
 * mirror keeps its origin's sequences and times (gaps included) and takes new messages as they
 * are stored; a source appends with the Nats-Stream-Source header nats-server 2.10 writes, after
 * its filter and transforms; both start where opt_start_seq / opt_start_time say, resume after a
 * restart without taking anything twice, and show their state in STREAM.INFO.
 */
class MirrorsAndSourcesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Wirehub start(Path storeDir) throws Exception {
        return Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(storeDir)).build());
    }

    private static void publish(JetStream js, String subject, String payload, String... headers) throws Exception {
        Headers h = new Headers();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        js.publish(NatsMessage.builder().subject(subject).headers(headers.length == 0 ? null : h)
                .data(payload.getBytes(StandardCharsets.UTF_8)).build());
    }

    private static void awaitMessages(JetStreamManagement jsm, String stream, long count) {
        Await.until(WAIT, () -> {
            try {
                return jsm.getStreamInfo(stream).getStreamState().getMsgCount() == count;
            } catch (Exception e) {
                return false;
            }
        }, stream + " holds " + count + " messages");
    }

    private static String text(MessageInfo m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }

    /** STREAM.INFO as JSON, for the fields jnats does not expose (filter_subject of a mirror or source). */
    private static JsonNode rawInfo(Connection nc, String stream) throws Exception {
        Message reply = nc.request("$JS.API.STREAM.INFO." + stream, new byte[0], WAIT);
        return new ObjectMapper().readTree(reply.getData());
    }

    @Test
    void aMirrorKeepsTheOriginsSequencesTimesAndGapsAndFollowsNewMessages() throws Exception {
        try (Wirehub server = start(Files.createTempDirectory("js-mirror-"));
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            JetStream js = nc.jetStream();
            jsm.addStream(StreamConfiguration.builder().name("ORIGIN").subjects("o.>").build());
            for (int i = 1; i <= 5; i++) {
                publish(js, "o." + i, "m" + i);
            }
            jsm.deleteMessage("ORIGIN", 3);
            jsm.addStream(StreamConfiguration.builder().name("COPY").storageType(StorageType.Memory)
                    .mirror(Mirror.builder().name("ORIGIN").build()).build());
            awaitMessages(jsm, "COPY", 4);
            publish(js, "o.6", "m6");
            awaitMessages(jsm, "COPY", 5);

            for (long seq : new long[] {1, 2, 4, 5, 6}) {
                MessageInfo origin = jsm.getMessage("ORIGIN", seq);
                MessageInfo copy = jsm.getMessage("COPY", seq);
                assertThat(copy.getSubject()).isEqualTo(origin.getSubject());
                assertThat(copy.getData()).isEqualTo(origin.getData());
                assertThat(copy.getTime()).as("a mirror keeps the stored time").isEqualTo(origin.getTime());
            }
            StreamInfo info = jsm.getStreamInfo("COPY");
            assertThat(info.getStreamState().getFirstSequence()).isEqualTo(1);
            assertThat(info.getStreamState().getLastSequence()).isEqualTo(6);
            assertThat(info.getStreamState().getDeletedCount()).isEqualTo(1);
            assertThat(info.getMirrorInfo().getName()).isEqualTo("ORIGIN");
            assertThat(info.getMirrorInfo().getLag()).isZero();
            assertThat(info.getMirrorInfo().getActive()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(5));

            // A mirror takes no subjects, so nothing can be published to it directly.
            JetStreamApiException refused = catchThrowableOfType(JetStreamApiException.class,
                    () -> jsm.updateStream(StreamConfiguration.builder(info.getConfiguration()).subjects("copy")
                            .build()));
            assertThat(refused.getApiErrorCode()).isEqualTo(10034);
            assertThat(refused.getMessage()).contains("stream mirrors can not contain subjects");
        }
    }

    @Test
    void aMirrorDirectAnswersDirectGetsOnItsOriginsName() throws Exception {
        try (Wirehub server = start(Files.createTempDirectory("js-mirror-direct-"));
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name("O").subjects("o").allowDirect(true).build());
            publish(nc.jetStream(), "o", "first");
            StreamInfo mirror = jsm.addStream(StreamConfiguration.builder().name("M").allowDirect(true)
                    .mirror(Mirror.builder().name("O").build()).build());
            assertThat(mirror.getConfiguration().getMirrorDirect()).as("forced to the origin's allow_direct").isTrue();
            awaitMessages(jsm, "M", 1);
            Await.until(WAIT, () -> answersFor(nc, "M"),
                    "the mirror answers direct gets of O once caught up");
        }
    }

    /** Whether a direct get on O's name is answered by {@code stream}, trying a few times (a queue group picks one). */
    private static boolean answersFor(Connection nc, String stream) {
        try {
            for (int i = 0; i < 20; i++) {
                Message reply = nc.request("$JS.API.DIRECT.GET.O", "{\"seq\":1}".getBytes(StandardCharsets.UTF_8), WAIT);
                if (reply != null && reply.getHeaders() != null
                        && stream.equals(reply.getHeaders().getFirst("Nats-Stream"))) {
                    assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("first");
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aFilteredMirrorStartingLateSkipsWhatItLeavesOut() throws Exception {
        try (Wirehub server = start(Files.createTempDirectory("js-mirror-f-"));
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            JetStream js = nc.jetStream();
            jsm.addStream(StreamConfiguration.builder().name("O").subjects("a", "b").build());
            for (int i = 1; i <= 6; i++) {
                publish(js, i % 2 == 0 ? "a" : "b", "m" + i);
            }
            jsm.addStream(StreamConfiguration.builder().name("M")
                    .mirror(Mirror.builder().name("O").filterSubject("a").startSeq(3).build()).build());
            awaitMessages(jsm, "M", 2);
            StreamInfo info = jsm.getStreamInfo("M");
            assertThat(info.getStreamState().getFirstSequence()).isEqualTo(4);
            assertThat(info.getStreamState().getLastSequence()).isEqualTo(6);
            assertThat(text(jsm.getMessage("M", 4))).isEqualTo("m4");
            assertThat(text(jsm.getMessage("M", 6))).isEqualTo("m6");
            assertThat(rawInfo(nc, "M").get("mirror").get("filter_subject").asText()).isEqualTo("a");
        }
    }

    @Test
    void sourcesAppendWithTheSourceHeaderAfterFiltersAndTransforms() throws Exception {
        try (Wirehub server = start(Files.createTempDirectory("js-sources-"));
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            JetStream js = nc.jetStream();
            jsm.addStream(StreamConfiguration.builder().name("A").subjects("a.>").build());
            jsm.addStream(StreamConfiguration.builder().name("B").subjects("b.>").build());
            publish(js, "a.x", "a1", "Nats-Expected-Last-Sequence", "0", "Trace", "t1");
            publish(js, "a.y", "a2");
            publish(js, "a.x", "a3");
            publish(js, "b.q", "b1");
            jsm.addStream(StreamConfiguration.builder().name("ALL").subjects("own").sources(
                    Source.builder().name("A").filterSubject("a.x").build(),
                    Source.builder().name("B").subjectTransforms(
                            SubjectTransform.builder().source("b.>").destination("c.>").build()).build()).build());
            awaitMessages(jsm, "ALL", 3);
            publish(js, "b.r", "b2");
            publish(js, "own", "mine");
            awaitMessages(jsm, "ALL", 5);

            List<String> seen = new ArrayList<>();
            for (long seq = 1; seq <= 5; seq++) {
                MessageInfo m = jsm.getMessage("ALL", seq);
                String source = m.getHeaders() == null ? null : m.getHeaders().getFirst("Nats-Stream-Source");
                seen.add(m.getSubject() + "|" + text(m) + "|" + source);
                if ("a1".equals(text(m))) {
                    assertThat(m.getHeaders().getFirst("Trace")).isEqualTo("t1");
                    assertThat(m.getHeaders().get("Nats-Expected-Last-Sequence")).as("expectations are dropped")
                            .isNull();
                }
            }
            assertThat(seen).containsExactlyInAnyOrder("a.x|a1|A 1 a.x >", "a.x|a3|A 3 a.x >",
                    "c.q|b1|B 1 b.> c.>", "c.r|b2|B 2 b.> c.>", "own|mine|null");

            StreamInfo info = jsm.getStreamInfo("ALL");
            List<SourceInfo> sources = new ArrayList<>(info.getSourceInfos());
            sources.sort(Comparator.comparing(SourceInfo::getName));
            assertThat(sources).extracting(SourceInfo::getName).containsExactly("A", "B");
            assertThat(rawInfo(nc, "ALL").get("sources").findValuesAsText("filter_subject")).containsExactly("a.x");
            assertThat(sources.get(0).getLag()).isZero();
            assertThat(sources.get(1).getSubjectTransforms()).singleElement()
                    .satisfies(t -> assertThat(t.getDestination()).isEqualTo("c.>"));
        }
    }

    @Test
    void aSourceAtMaxMsgsWithDiscardNewWaitsForRoomInsteadOfSkipping() throws Exception {
        try (Wirehub server = start(Files.createTempDirectory("js-source-full-"));
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            JetStream js = nc.jetStream();
            jsm.addStream(StreamConfiguration.builder().name("O").subjects("o").build());
            for (int i = 1; i <= 3; i++) {
                publish(js, "o", "m" + i);
            }
            jsm.addStream(StreamConfiguration.builder().name("FULL").maxMessages(2)
                    .discardPolicy(io.nats.client.api.DiscardPolicy.New)
                    .sources(Source.builder().name("O").build()).build());
            awaitMessages(jsm, "FULL", 2);
            jsm.purgeStream("FULL");
            awaitMessages(jsm, "FULL", 1);
            assertThat(text(jsm.getMessage("FULL", 3))).as("the refused message, not skipped").isEqualTo("m3");
        }
    }

    @Test
    void startOptionsPickTheFirstMessageTaken() throws Exception {
        try (Wirehub server = start(Files.createTempDirectory("js-start-"));
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            JetStream js = nc.jetStream();
            jsm.addStream(StreamConfiguration.builder().name("O").subjects("o").build());
            for (int i = 1; i <= 3; i++) {
                publish(js, "o", "m" + i);
            }
            ZonedDateTime after = jsm.getMessage("O", 3).getTime().plusNanos(1);
            Await.until(WAIT, () -> ZonedDateTime.now().isAfter(after), "the clock passes the third message");
            publish(js, "o", "m4");
            jsm.addStream(StreamConfiguration.builder().name("BYSEQ")
                    .sources(Source.builder().name("O").startSeq(2).build()).build());
            jsm.addStream(StreamConfiguration.builder().name("BYTIME")
                    .sources(Source.builder().name("O").startTime(after).build()).build());
            awaitMessages(jsm, "BYSEQ", 3);
            awaitMessages(jsm, "BYTIME", 1);
            assertThat(text(jsm.getMessage("BYSEQ", 1))).isEqualTo("m2");
            assertThat(text(jsm.getMessage("BYTIME", 1))).isEqualTo("m4");
        }
    }

    @Test
    void aRestartResumesEverySourceAndMirrorWithoutTakingAnythingTwice() throws Exception {
        Path dir = Files.createTempDirectory("js-feed-restart-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            JetStream js = nc.jetStream();
            jsm.addStream(StreamConfiguration.builder().name("O").subjects("o.*").build());
            jsm.addStream(StreamConfiguration.builder().name("S").sources(Source.builder().name("O").build()).build());
            jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder().name("O").build()).build());
            for (int i = 1; i <= 3; i++) {
                publish(js, "o.x", "m" + i);
            }
            awaitMessages(jsm, "S", 3);
            awaitMessages(jsm, "M", 3);
        }
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            publish(nc.jetStream(), "o.x", "m4");
            awaitMessages(jsm, "S", 4);
            awaitMessages(jsm, "M", 4);
            assertThat(text(jsm.getMessage("S", 4))).isEqualTo("m4");
            assertThat(jsm.getMessage("S", 4).getHeaders().getFirst("Nats-Stream-Source")).isEqualTo("O 4 > >");
            assertThat(jsm.getMessage("M", 4).getTime()).isEqualTo(jsm.getMessage("O", 4).getTime());
            assertThat(jsm.getStreamInfo("S").getSourceInfos().get(0).getLag()).isZero();
        }
    }

    @Test
    void aMirrorWaitsForAnOriginCreatedLaterAndSaysItIsMissing() throws Exception {
        try (Wirehub server = start(Files.createTempDirectory("js-late-"));
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder().name("LATER").build())
                    .build());
            Await.until(WAIT, () -> {
                try {
                    return jsm.getStreamInfo("M").getMirrorInfo().getError() != null;
                } catch (Exception e) {
                    return false;
                }
            }, "the mirror reports its missing origin");
            assertThat(jsm.getStreamInfo("M").getMirrorInfo().getError().getApiErrorCode()).isEqualTo(10059);
            jsm.addStream(StreamConfiguration.builder().name("LATER").subjects("later").build());
            publish(nc.jetStream(), "later", "x");
            awaitMessages(jsm, "M", 1);
            Await.until(WAIT, () -> {
                try {
                    return jsm.getStreamInfo("M").getMirrorInfo().getError() == null;
                } catch (Exception e) {
                    return false;
                }
            }, "the error clears once the origin exists");
        }
    }

    @Test
    void externalMirrorsAndSourcesAreRefusedClearly() throws Exception {
        try (Wirehub server = start(Files.createTempDirectory("js-ext-"));
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            JetStreamApiException mirror = catchThrowableOfType(JetStreamApiException.class,
                    () -> jsm.addStream(StreamConfiguration.builder().name("M").mirror(Mirror.builder().name("O")
                            .external(External.builder().api("$JS.hub.API").build()).build()).build()));
            assertThat(mirror.getApiErrorCode()).isEqualTo(10029);
            assertThat(mirror.getMessage()).contains("external mirrors are not supported");
            JetStreamApiException source = catchThrowableOfType(JetStreamApiException.class,
                    () -> jsm.addStream(StreamConfiguration.builder().name("S").sources(Source.builder().name("O")
                            .external(External.builder().api("$JS.hub.API").build()).build()).build()));
            assertThat(source.getApiErrorCode()).isEqualTo(10045);
            assertThat(jsm.getStreamNames()).isEmpty();
        }
    }
}
