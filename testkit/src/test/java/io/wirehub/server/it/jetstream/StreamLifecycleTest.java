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
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.wirehub.server.Wirehub;
import io.wirehub.server.config.JetStreamConfig;
import io.wirehub.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams as jnats' JetStreamManagement and JetStream see them: created in file or memory
 * storage, stored to by publishing, listed, paged, deleted, and recovered from the store
 * directory when the server starts again.
 */
class StreamLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Wirehub start(Path storeDir) throws Exception {
        return Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0).serverName("wh1")
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(storeDir)).build());
    }

    private static JsonNode request(Connection nc, String subject, String body) throws Exception {
        Message reply = nc.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as("a reply on " + subject).isNotNull();
        return JSON.readTree(reply.getData());
    }

    @Test
    void createPublishInfoAndDeleteAFileStream() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            StreamInfo created = jsm.addStream(StreamConfiguration.builder().name("ORDERS")
                    .subjects("orders.>").build());
            assertThat(created.getConfiguration().getStorageType()).isEqualTo(StorageType.File);
            assertThat(created.getConfiguration().getMaxMsgs()).isEqualTo(-1);
            assertThat(created.getConfiguration().getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
            assertThat(created.getStreamState().getMsgCount()).isZero();
            assertThat(dir.resolve("jetstream/$G/streams/ORDERS/meta.inf")).isRegularFile();

            JetStream js = nc.jetStream();
            PublishAck first = js.publish("orders.new", "one".getBytes(StandardCharsets.UTF_8));
            PublishAck second = js.publish("orders.paid", "two".getBytes(StandardCharsets.UTF_8));
            assertThat(first.getStream()).isEqualTo("ORDERS");
            assertThat(first.getSeqno()).isEqualTo(1);
            assertThat(second.getSeqno()).isEqualTo(2);
            assertThat(first.isDuplicate()).isFalse();

            StreamInfo info = jsm.getStreamInfo("ORDERS");
            assertThat(info.getStreamState().getMsgCount()).isEqualTo(2);
            assertThat(info.getStreamState().getFirstSequence()).isEqualTo(1);
            assertThat(info.getStreamState().getLastSequence()).isEqualTo(2);
            // nats-server's file store accounting: 22 + subject + payload + 8 per message.
            assertThat(info.getStreamState().getByteCount()).isEqualTo((22 + 10 + 3 + 8) + (22 + 11 + 3 + 8));
            JsonNode raw = request(nc, "$JS.API.STREAM.INFO.ORDERS", "");
            assertThat(raw.get("type").asText()).isEqualTo("io.nats.jetstream.api.v1.stream_info_response");
            assertThat(raw.get("cluster").get("leader").asText()).isEqualTo("wh1");
            assertThat(raw.get("state").get("num_subjects").asInt()).isEqualTo(2);
            JsonNode subjects = request(nc, "$JS.API.STREAM.INFO.ORDERS", "{\"subjects_filter\":\">\",\"offset\":1}");
            assertThat(subjects.get("state").get("subjects").toString()).isEqualTo("{\"orders.paid\":1}");
            assertThat(subjects.get("total").asInt()).isEqualTo(2);
            JsonNode past = request(nc, "$JS.API.STREAM.INFO.ORDERS", "{\"subjects_filter\":\">\",\"offset\":5}");
            assertThat(past.get("offset").asInt()).as("2.10 echoes the offset asked for").isEqualTo(5);
            assertThat(past.get("state").has("subjects")).isFalse();

            var account = jsm.getAccountStatistics();
            assertThat(account.getStreams()).isEqualTo(1);
            assertThat(account.getStorage()).isEqualTo(info.getStreamState().getByteCount());
            assertThat(account.getMemory()).isZero();

            jsm.deleteStream("ORDERS");
            assertThat(jsm.getAccountStatistics().getStreams()).isZero();
            assertThat(dir.resolve("jetstream/$G/streams/ORDERS")).doesNotExist();
            JetStreamApiException gone = catchThrowableOfType(JetStreamApiException.class,
                    () -> jsm.getStreamInfo("ORDERS"));
            assertThat(gone.getApiErrorCode()).isEqualTo(10059);
            assertThat(gone.getErrorDescription()).isEqualTo("stream not found");
        }
    }

    @Test
    void createIsIdempotentOnlyForTheSameConfig() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            String body = "{\"name\":\"S\",\"subjects\":[\"s.>\"]}";
            JsonNode first = request(nc, "$JS.API.STREAM.CREATE.S", body);
            assertThat(first.get("did_create").asBoolean()).isTrue();
            JsonNode again = request(nc, "$JS.API.STREAM.CREATE.S", body);
            assertThat(again.has("error")).isFalse();
            assertThat(again.get("created")).isEqualTo(first.get("created"));
            JsonNode other = request(nc, "$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"t.>\"]}");
            assertThat(other.get("error").get("err_code").asInt()).isEqualTo(10058);
            JsonNode overlap = request(nc, "$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"s.x\"]}");
            assertThat(overlap.get("error").get("err_code").asInt()).isEqualTo(10065);
            assertThat(overlap.get("error").get("description").asText())
                    .isEqualTo("subjects overlap with an existing stream");
        }
    }

    @Test
    void atTheStreamLimitCreatingAnExistingStreamAgainStillAnswersAsIn210() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        Path config = Files.createTempFile("wirehub-js-", ".conf");
        Files.writeString(config, "accounts { A: { users: [{user: a, password: a}], jetstream: { max_streams: 1 } } }\n"
                + "jetstream { store_dir: \"" + dir + "\" }\n");
        try (Wirehub server = Wirehub.start(io.wirehub.server.config.ConfigFileLoader.load(config).builder()
                .host("127.0.0.1").port(0).build());
             Connection nc = Nats.connect("nats://a:a@127.0.0.1:" + server.port())) {
            String body = "{\"name\":\"ONE\",\"storage\":\"memory\"}";
            assertThat(request(nc, "$JS.API.STREAM.CREATE.ONE", body).has("error")).isFalse();
            assertThat(request(nc, "$JS.API.STREAM.CREATE.ONE", body).has("error")).isFalse();
            JsonNode second = request(nc, "$JS.API.STREAM.CREATE.TWO", "{\"name\":\"TWO\",\"storage\":\"memory\"}");
            assertThat(second.get("error").get("err_code").asInt()).isEqualTo(10027);
        }
    }

    @Test
    void namesAndListArePagedAndSortedAndFilteredBySubject() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JsonNode empty = request(nc, "$JS.API.STREAM.NAMES", "");
            assertThat(empty.get("streams").isNull()).isTrue();
            assertThat(empty.get("limit").asInt()).isEqualTo(1024);
            for (String name : List.of("C", "A", "B")) {
                request(nc, "$JS.API.STREAM.CREATE." + name, "{\"name\":\"" + name + "\",\"storage\":\"memory\"}");
            }
            JsonNode names = request(nc, "$JS.API.STREAM.NAMES", "");
            assertThat(names.get("streams").toString()).isEqualTo("[\"A\",\"B\",\"C\"]");
            assertThat(names.get("total").asInt()).isEqualTo(3);
            JsonNode page = request(nc, "$JS.API.STREAM.LIST", "{\"offset\":1}");
            assertThat(page.get("total").asInt()).isEqualTo(3);
            assertThat(page.get("offset").asInt()).isEqualTo(1);
            assertThat(page.get("limit").asInt()).isEqualTo(256);
            assertThat(page.get("streams")).hasSize(2);
            assertThat(page.get("streams").get(0).get("config").get("name").asText()).isEqualTo("B");
            JsonNode bySubject = request(nc, "$JS.API.STREAM.NAMES", "{\"subject\":\"B\"}");
            assertThat(bySubject.get("streams").toString()).isEqualTo("[\"B\"]");
            assertThat(nc.jetStreamManagement().getStreamNames()).containsExactly("A", "B", "C");
            assertThat(nc.jetStreamManagement().getStreams()).hasSize(3);
        }
    }

    @Test
    void fileStreamsAreRecoveredAtRestartAndMemoryStreamsAreNot() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name("DISK").subjects("disk.*").build());
            jsm.addStream(StreamConfiguration.builder().name("MEM").subjects("mem.*")
                    .storageType(StorageType.Memory).build());
            JetStream js = nc.jetStream();
            for (int i = 0; i < 5; i++) {
                js.publish("disk.a", ("d" + i).getBytes(StandardCharsets.UTF_8));
                js.publish("mem.a", ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            assertThat(jsm.getStreamNames()).containsExactly("DISK");
            StreamInfo info = jsm.getStreamInfo("DISK");
            assertThat(info.getStreamState().getMsgCount()).isEqualTo(5);
            assertThat(info.getStreamState().getLastSequence()).isEqualTo(5);
            assertThat(new String(jsm.getMessage("DISK", 5).getData(), StandardCharsets.UTF_8)).isEqualTo("d4");
            // The restored stream captures its subjects again and goes on from its last sequence.
            assertThat(nc.jetStream().publish("disk.b", new byte[0]).getSeqno()).isEqualTo(6);
        }
    }

    @Test
    void duplicateIdsAndTheLastIdSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        io.nats.client.PublishOptions id1 = io.nats.client.PublishOptions.builder().messageId("id-1").build();
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            nc.jetStreamManagement().addStream(StreamConfiguration.builder().name("D").subjects("d.>").build());
            nc.jetStream().publish("d.a", "first".getBytes(StandardCharsets.UTF_8), id1);
            nc.jetStream().publish("d.a", "second".getBytes(StandardCharsets.UTF_8),
                    io.nats.client.PublishOptions.builder().messageId("id-2").build());
        }
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            PublishAck again = nc.jetStream().publish("d.a", "again".getBytes(StandardCharsets.UTF_8), id1);
            assertThat(again.isDuplicate()).isTrue();
            assertThat(again.getSeqno()).isEqualTo(1);
            PublishAck next = nc.jetStream().publish("d.a", new byte[0],
                    io.nats.client.PublishOptions.builder().expectedLastMsgId("id-2").build());
            assertThat(next.getSeqno()).isEqualTo(3);
            assertThat(nc.jetStreamManagement().getStreamInfo("D").getStreamState().getMsgCount()).isEqualTo(3);
        }
    }

    @Test
    void purgeGetDeleteUpdateAndDirectGetThroughJnats() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name("K").subjects("k.*").build());
            JetStream js = nc.jetStream();
            for (String key : List.of("a", "b", "a", "c", "a")) {
                js.publish("k." + key, key.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(jsm.getLastMessage("K", "k.a").getSeq()).isEqualTo(5);
            assertThat(jsm.getNextMessage("K", 2, "k.a").getSeq()).isEqualTo(3);
            assertThat(jsm.deleteMessage("K", 2, false)).isTrue();
            JetStreamApiException missing = catchThrowableOfType(JetStreamApiException.class,
                    () -> jsm.getMessage("K", 2));
            assertThat(missing.getApiErrorCode()).isEqualTo(10037);
            var purge = jsm.purgeStream("K", io.nats.client.PurgeOptions.builder().subject("k.a").keep(1).build());
            assertThat(purge.getPurged()).isEqualTo(2);
            assertThat(jsm.getStreamInfo("K").getStreamState().getMsgCount()).isEqualTo(2);

            StreamInfo updated = jsm.updateStream(StreamConfiguration.builder().name("K").subjects("k.*")
                    .allowDirect(true).maxMessages(10).build());
            assertThat(updated.getConfiguration().getMaxMsgs()).isEqualTo(10);
            assertThat(updated.getConfiguration().getAllowDirect()).isTrue();
            // With allow_direct jnats reads through DIRECT.GET.
            var direct = jsm.getLastMessage("K", "k.c");
            assertThat(direct.getSeq()).isEqualTo(4);
            assertThat(new String(direct.getData(), StandardCharsets.UTF_8)).isEqualTo("c");
            JetStreamApiException refused = catchThrowableOfType(JetStreamApiException.class,
                    () -> jsm.updateStream(StreamConfiguration.builder().name("K").subjects("k.*")
                            .storageType(StorageType.Memory).build()));
            assertThat(refused.getErrorDescription()).isEqualTo("stream configuration update can not change storage type");
        }
    }

    @Test
    void theSubjectTransformRewritesSubjectsBeforeStoring() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JsonNode created = request(nc, "$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"in.>\"],"
                    + "\"subject_transform\":{\"src\":\"in.*.*\",\"dest\":\"stored.$2.$1\"}}");
            assertThat(created.has("error")).as(created.toString()).isFalse();
            nc.jetStream().publish("in.a.b", "x".getBytes(StandardCharsets.UTF_8));
            nc.jetStream().publish("in.c", "y".getBytes(StandardCharsets.UTF_8));
            JetStreamManagement jsm = nc.jetStreamManagement();
            assertThat(jsm.getMessage("T", 1).getSubject()).isEqualTo("stored.b.a");
            assertThat(jsm.getMessage("T", 2).getSubject()).as("not matched: kept as published").isEqualTo("in.c");
        }
    }

    @Test
    void updatedSubjectsAreCapturedAtOnceAndKeptOnesOnlyOnce() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name("U").subjects("k.*").build());
            JetStream js = nc.jetStream();
            assertThat(js.publish("k.a", new byte[0]).getSeqno()).isEqualTo(1);
            jsm.updateStream(StreamConfiguration.builder().name("U").subjects("k.*", "j.*").build());
            assertThat(js.publish("k.a", new byte[0]).getSeqno()).isEqualTo(2);
            assertThat(js.publish("j.a", new byte[0]).getSeqno()).isEqualTo(3);
            assertThat(jsm.getStreamInfo("U").getStreamState().getMsgCount()).as("k.a stored once").isEqualTo(3);
            jsm.updateStream(StreamConfiguration.builder().name("U").subjects("j.*").build());
            assertThat(js.publish("j.b", new byte[0]).getSeqno()).isEqualTo(4);
            Message none = nc.request("k.a", new byte[0], Duration.ofSeconds(2));
            assertThat(none == null || none.isStatusMessage()).as("k.* is no longer captured").isTrue();
            assertThat(jsm.getStreamInfo("U").getStreamState().getMsgCount()).isEqualTo(4);
        }
    }

    @Test
    void varzShowsWhatStreamsHoldAndReserve() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = Wirehub.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .monitoring(new io.wirehub.server.config.MonitoringConfig("127.0.0.1", -1))
                .jetstream(JetStreamConfig.OFF.withEnabled(true).withStoreDir(dir)).build());
             Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name("MEM").subjects("mem").storageType(StorageType.Memory)
                    .maxBytes(10_000).build());
            nc.jetStream().publish("mem", "hello".getBytes(StandardCharsets.UTF_8));
            // Memory store accounting: subject + payload + 16.
            long expected = 3 + 5 + 16;
            JsonNode stats = io.wirehub.testkit.Await.value(WAIT,
                    () -> io.wirehub.testkit.internal.HttpGet.get(server.monitoringUrl() + "/varz").json().get("jetstream")
                            .get("stats"),
                    s -> s.get("memory").asLong() == expected, "varz shows the stored bytes");
            assertThat(stats.get("reserved_memory").asLong()).isEqualTo(10_000);
            assertThat(stats.get("storage").asLong()).isZero();
        }
    }

    @Test
    void firstSeqStartsANewStreamThereAndSurvivesARestart() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JsonNode created = request(nc, "$JS.API.STREAM.CREATE.FS", "{\"name\":\"FS\",\"first_seq\":10}");
            assertThat(created.get("config").get("first_seq").asLong()).isEqualTo(10);
            assertThat(created.get("state").get("first_seq").asLong()).isEqualTo(10);
            assertThat(created.get("state").get("last_seq").asLong()).isEqualTo(9);
            assertThat(nc.jetStream().publish("FS", new byte[0]).getSeqno()).isEqualTo(10);
        }
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            assertThat(nc.jetStream().publish("FS", new byte[0]).getSeqno()).isEqualTo(11);
        }
    }

    @Test
    void concurrentPublishersGetDistinctSequencesAndNothingIsLost() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection admin = Nats.connect(server.clientUrl())) {
            admin.jetStreamManagement().addStream(StreamConfiguration.builder().name("C").subjects("c.>").build());
            int publishers = 4;
            int each = 2000;
            List<java.util.concurrent.Future<List<Long>>> results = new java.util.ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(publishers)) {
                for (int p = 0; p < publishers; p++) {
                    int id = p;
                    results.add(pool.submit(() -> {
                        try (Connection nc = Nats.connect(server.clientUrl())) {
                            JetStream js = nc.jetStream();
                            List<java.util.concurrent.CompletableFuture<PublishAck>> acks = new java.util.ArrayList<>();
                            for (int i = 0; i < each; i++) {
                                acks.add(js.publishAsync("c." + id, ("p" + id + "-" + i).getBytes(StandardCharsets.UTF_8)));
                            }
                            List<Long> seqs = new java.util.ArrayList<>();
                            for (var ack : acks) {
                                seqs.add(ack.get(30, java.util.concurrent.TimeUnit.SECONDS).getSeqno());
                            }
                            return seqs;
                        }
                    }));
                }
            }
            java.util.Set<Long> all = new java.util.TreeSet<>();
            for (var r : results) {
                List<Long> seqs = r.get();
                assertThat(seqs).as("one publisher's acks come in its order").isSorted();
                all.addAll(seqs);
            }
            assertThat(all).hasSize(publishers * each);
            assertThat(all).first().isEqualTo(1L);
            assertThat(all).last().isEqualTo((long) publishers * each);
            StreamInfo info = admin.jetStreamManagement().getStreamInfo("C");
            assertThat(info.getStreamState().getMsgCount()).isEqualTo(publishers * each);
            assertThat(info.getStreamState().getSubjectCount()).isEqualTo(publishers);
        }
    }

    @Test
    void aPublishWithoutReplyIsStoredAndOrdinarySubscribersGetItToo() throws Exception {
        Path dir = Files.createTempDirectory("js-streams-");
        try (Wirehub server = start(dir); Connection nc = Nats.connect(server.clientUrl())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name("E").subjects("e.>").build());
            var sub = nc.subscribe("e.>");
            nc.flush(WAIT);
            nc.publish("e.x", "plain".getBytes(StandardCharsets.UTF_8));
            assertThat(sub.nextMessage(WAIT)).isNotNull();
            io.wirehub.testkit.Await.until(WAIT, () -> {
                try {
                    return jsm.getStreamInfo("E").getStreamState().getMsgCount() == 1;
                } catch (Exception e) {
                    return false;
                }
            }, "the plain publish is stored");
        }
    }
}
