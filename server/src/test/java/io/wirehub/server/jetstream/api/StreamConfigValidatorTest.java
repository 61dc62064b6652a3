package io.wirehub.server.jetstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of nats-server 2.10's checkStreamCfg and of STREAM.CREATE's own checks, each with the
 * err_code and description nats-server answers (texts from stream.go and errors.json).
 */
class StreamConfigValidatorTest {

    static Stream<Arguments> refusedOnCreate() {
        return Stream.of(
                refused("{\"name\":\"a.b\"}", 10052, "stream name is required and can not contain '.', '*', '>'"),
                refused("{\"name\":\"a*\"}", 10052, "stream name is required and can not contain '.', '*', '>'"),
                refused("{\"name\":\"a>\"}", 10052, "stream name is required and can not contain '.', '*', '>'"),
                refused("{\"name\":\"a b\"}", 10052, "stream name is required and can not contain '.', '*', '>'"),
                refused("{\"name\":\"a\\tb\"}", 10052, "stream name is required and can not contain '.', '*', '>'"),
                refused("{\"name\":\"" + "n".repeat(256) + "\"}", 10052,
                        "stream name is too long, maximum allowed is 255"),
                refused("{\"name\":\"S\",\"description\":\"" + "d".repeat(4097) + "\"}", 10052,
                        "stream description is too long, maximum allowed is 4096"),
                refused("{\"name\":\"S\",\"metadata\":{\"k\":\"" + "v".repeat(128 * 1024) + "\"}}", 10052,
                        "stream metadata exceeds maximum size of 131072 bytes"),
                refused("{\"name\":\"a/b\"}", 10128, "Stream name can not contain path separators"),
                refused("{\"name\":\"a\\\\b\"}", 10128, "Stream name can not contain path separators"),
                refused("{\"name\":\"S\",\"sealed\":true}", 10052, "stream configuration for create can not be sealed"),
                refused("{\"name\":\"S\",\"mirror_direct\":true}", 10052,
                        "stream has no mirror but does have mirror direct"),
                refused("{\"name\":\"S\",\"num_replicas\":6}", 10052, "maximum replicas is 5"),
                refused("{\"name\":\"S\",\"num_replicas\":-1}", 10133, "replicas count cannot be negative"),
                refused("{\"name\":\"S\",\"num_replicas\":3}", 10074, "replicas > 1 not supported in non-clustered mode"),
                refused("{\"name\":\"S\",\"max_age\":99000000}", 10052, "max age needs to be >= 100ms"),
                refused("{\"name\":\"S\",\"duplicate_window\":-1}", 10052, "duplicates window can not be negative"),
                refused("{\"name\":\"S\",\"max_age\":1000000000,\"duplicate_window\":2000000000}", 10052,
                        "duplicates window can not be larger then max age"),
                refused("{\"name\":\"S\",\"duplicate_window\":99000000}", 10052,
                        "duplicates window needs to be >= 100ms"),
                refused("{\"name\":\"S\",\"deny_purge\":true,\"allow_rollup_hdrs\":true}", 10052,
                        "roll-ups require the purge permission"),
                refused("{\"name\":\"S\",\"discard_new_per_subject\":true,\"max_msgs_per_subject\":1}", 10052,
                        "discard new per subject requires discard new policy to be set"),
                refused("{\"name\":\"S\",\"discard_new_per_subject\":true,\"discard\":\"new\"}", 10052,
                        "discard new per subject requires max msgs per subject > 0"),
                refused("{\"name\":\"S\",\"mirror\":{\"name\":\"O\"},\"first_seq\":5}", 10143,
                        "stream mirrors can not have first sequence configured"),
                refused("{\"name\":\"S\",\"mirror\":{\"name\":\"O\"},\"subjects\":[\"a\"]}", 10034,
                        "stream mirrors can not contain subjects"),
                refused("{\"name\":\"S\",\"mirror\":{\"name\":\"O\"},\"sources\":[{\"name\":\"P\"}]}", 10031,
                        "stream mirrors can not also contain other sources"),
                refused("{\"name\":\"S\",\"mirror\":{\"name\":\"O\",\"filter_subject\":\"a\","
                        + "\"subject_transforms\":[{\"src\":\"b\",\"dest\":\"c\"}]}}", 10150,
                        "mirror with multiple subject transforms cannot also have a single subject filter"),
                refused("{\"name\":\"S\",\"mirror\":{\"name\":\"O\",\"subject_transforms\":[{\"src\":\"a..b\"}]}}",
                        10151, "mirror subject filter is invalid"),
                refused("{\"name\":\"S\",\"mirror\":{\"name\":\"O\",\"subject_transforms\":"
                        + "[{\"src\":\"a.*\"},{\"src\":\"a.b\"}]}}", 10152, "mirror subject filters can not overlap"),
                refused("{\"name\":\"S\",\"mirror\":{\"name\":\"O.x\"}}", 10142, "mirrored stream name is invalid"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"\"}]}", 10141, "sourced stream name is invalid"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"O\"},{\"name\":\"O\",\"filter_subject\":\">\"}]}",
                        10140, "duplicate source configuration detected"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"O\",\"filter_subject\":\"a\","
                        + "\"subject_transforms\":[{\"src\":\"b\",\"dest\":\"c\"}]}]}", 10144,
                        "source with multiple subject transforms cannot also have a single subject filter"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"O\",\"subject_transforms\":"
                        + "[{\"src\":\"a\",\"dest\":\"b..c\"}]}]}", 10146, "source transform destination is invalid"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"O\",\"subject_transforms\":[{\"src\":\"a..\"}]}]}",
                        10145, "source subject filter is invalid"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"O\",\"subject_transforms\":"
                        + "[{\"src\":\"a.*\"},{\"src\":\"a.b\"}]}]}", 10147, "source filters can not overlap"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"O\",\"external\":{\"api\":\"x\",\"deliver\":\"d.*\"}}]}",
                        10024, "stream external delivery prefix d.* must not contain wildcards"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"O\",\"external\":{\"api\":\"x.*\"}}]}", 10052,
                        "stream external api prefix \"x.*\" must be a valid subject without wildcards"),
                refused("{\"name\":\"S\",\"sources\":[{\"name\":\"O\",\"external\":{\"api\":\"$JS.API\"}}]}", 10021,
                        "stream external api prefix $JS.API must not overlap with $JS.API"),
                refused("{\"name\":\"S\",\"subjects\":[\"a..b\"]}", 10052, "invalid subject"),
                refused("{\"name\":\"S\",\"subjects\":[\"a\",\"a\"]}", 10052, "duplicate subjects detected"),
                refused("{\"name\":\"S\",\"subjects\":[\">\"]}", 10052, "capturing all subjects requires no-ack to be true"),
                refused("{\"name\":\"S\",\"subjects\":[\"$JS.API.>\"]}", 10052,
                        "subjects that overlap with jetstream api require no-ack to be true"),
                refused("{\"name\":\"S\",\"subjects\":[\"$JSC.x\"]}", 10052,
                        "subjects that overlap with jetstream api require no-ack to be true"),
                refused("{\"name\":\"S\",\"subjects\":[\"$SYS.REQ.x\"]}", 10052,
                        "subjects that overlap with system api require no-ack to be true"),
                refused("{\"name\":\"S\",\"subjects\":[\"a.*\",\"a.b\"]}", 10052,
                        "subject \"a.*\" overlaps with \"a.b\""),
                refused("{\"name\":\"S\",\"subjects\":[\"a.>\"],\"republish\":{\"dest\":\"a.x\"}}", 10052,
                        "stream configuration for republish destination forms a cycle"),
                refused("{\"name\":\"S\",\"subjects\":[\"a.>\"],\"republish\":{\"src\":\"a.*\",\"dest\":\"b.$2\"}}",
                        10052, "stream configuration for republish with transform from 'a.*' to 'b.$2' not valid"),
                refused("{\"name\":\"S\",\"subject_transform\":{\"src\":\"a.*\",\"dest\":\"b.$2\"}}", 10049,
                        "stream subject transform from 'a.*' to 'b.$2': invalid mapping destination: "
                                + "wildcard index out of range in $2: [2]"),
                refused("{\"name\":\"T\"}", 10056, "stream name in subject does not match request"));
    }

    private static Arguments refused(String json, int errCode, String description) {
        return Arguments.of(json, errCode, description);
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("refusedOnCreate")
    void createRefusesWithNatsServersCodeAndText(String json, int errCode, String description) throws Exception {
        String subjectName = json.equals("{\"name\":\"T\"}") ? "S" : StreamConfigJson.parse(bytes(json)).name();
        JsApiException e = catchThrowableOfType(JsApiException.class, () -> StreamConfigValidator.checkCreate(
                subjectName, StreamConfigJson.parse(bytes(json)), StreamCheckContext.NO_LIMITS));
        assertThat(e).as(json).isNotNull();
        assertThat(e.error().errCode()).isEqualTo(errCode);
        assertThat(e.error().description()).isEqualTo(description);
    }

    @Test
    void wrongTypesAndUnknownEnumsAreInvalidJson() {
        for (String json : new String[] {"", "{", "[]", "{\"name\":1}", "{\"name\":\"S\",\"storage\":\"disk\"}",
                "{\"name\":\"S\",\"retention\":\"Limits\"}", "{\"name\":\"S\",\"max_msgs\":1.5}",
                "{\"name\":\"S\",\"max_msgs\":\"5\"}", "{\"name\":\"S\",\"max_msg_size\":2147483648}",
                "{\"name\":\"S\",\"first_seq\":-1}", "{\"name\":\"S\",\"no_ack\":1}", "{\"name\":\"S\",\"storage\":null}",
                "{\"name\":\"S\",\"subjects\":\"a\"}", "{} {}"}) {
            JsApiException e = catchThrowableOfType(JsApiException.class, () -> StreamConfigJson.parse(bytes(json)));
            assertThat(e).as(json).isNotNull();
            assertThat(e.error().errCode()).as(json).isEqualTo(10025);
            assertThat(e.error().description()).isEqualTo("invalid JSON");
        }
    }

    @Test
    void emptyDestinationsAreNoTransformAsInNatsServer() throws Exception {
        StreamConfig c = StreamConfigValidator.checkCreate("S", StreamConfigJson.parse(bytes(
                "{\"name\":\"S\",\"republish\":{\"src\":\"S\"},\"subject_transform\":{\"src\":\"x\"}}")),
                StreamCheckContext.NO_LIMITS);
        assertThat(c.republish().destination()).isEmpty();
    }

    @Test
    void keysMatchCaseInsensitivelyAndDiscardIgnoresCase() throws Exception {
        StreamConfig c = StreamConfigJson.parse(bytes("{\"NAME\":\"S\",\"Discard\":\"NEW\",\"unknown\":[1]}"));
        assertThat(c.name()).isEqualTo("S");
        assertThat(c.discard()).isEqualTo(StreamConfig.Discard.NEW);
    }

    @Test
    void defaultsAndJsonAreNatsServers() throws Exception {
        StreamConfig c = StreamConfigValidator.checkCreate("S",
                StreamConfigJson.parse(bytes("{\"name\":\"S\",\"subjects\":[\"s.>\"]}")), StreamCheckContext.NO_LIMITS);
        assertThat(StreamConfigJson.text(StreamConfigJson.write(c))).isEqualTo("{\"name\":\"S\",\"subjects\":[\"s.>\"],"
                + "\"retention\":\"limits\",\"max_consumers\":-1,\"max_msgs\":-1,\"max_bytes\":-1,\"max_age\":0,"
                + "\"max_msgs_per_subject\":-1,\"max_msg_size\":-1,\"discard\":\"old\",\"storage\":\"file\","
                + "\"num_replicas\":1,\"duplicate_window\":120000000000,\"compression\":\"none\",\"allow_direct\":false,"
                + "\"mirror_direct\":false,\"sealed\":false,\"deny_delete\":false,\"deny_purge\":false,"
                + "\"allow_rollup_hdrs\":false,\"consumer_limits\":{}}");
    }

    @Test
    void nameIsTheSubjectWhenNoneAndDuplicateWindowFollowsMaxAge() throws Exception {
        StreamConfig c = StreamConfigValidator.check(
                StreamConfigJson.parse(bytes("{\"name\":\"S\",\"max_age\":1000000000}")), StreamCheckContext.NO_LIMITS);
        assertThat(c.subjects()).containsExactly("S");
        assertThat(c.duplicateWindowNanos()).isEqualTo(1_000_000_000L);
        StreamConfig mirror = StreamConfigValidator.check(
                StreamConfigJson.parse(bytes("{\"name\":\"M\",\"mirror\":{\"name\":\"S\"}}")), StreamCheckContext.NO_LIMITS);
        assertThat(mirror.subjects()).isEmpty();
        assertThat(mirror.duplicateWindowNanos()).isZero();
    }

    @Test
    void serverDuplicateWindowLimitCapsTheDefaultAndRefusesMore() throws Exception {
        StreamCheckContext limited = new StreamCheckContext(60_000_000_000L, false, 0, 0, n -> Optional.empty());
        assertThat(StreamConfigValidator.check(StreamConfig.named("S"), limited).duplicateWindowNanos())
                .isEqualTo(60_000_000_000L);
        JsApiException e = catchThrowableOfType(JsApiException.class, () -> StreamConfigValidator.check(
                StreamConfigJson.parse(bytes("{\"name\":\"S\",\"duplicate_window\":90000000000}")), limited));
        assertThat(e.error().description()).isEqualTo("duplicates window can not be larger then server limit of 1m0s");
    }

    @Test
    void accountMaxBytesRulesUseTheirCodes() throws Exception {
        StreamCheckContext required = new StreamCheckContext(0, true, 0, 1000, n -> Optional.empty());
        assertThat(catchThrowableOfType(JsApiException.class, () -> StreamConfigValidator.check(
                StreamConfig.named("S"), required)).error().errCode()).isEqualTo(10113);
        assertThat(catchThrowableOfType(JsApiException.class, () -> StreamConfigValidator.check(
                StreamConfigJson.parse(bytes("{\"name\":\"S\",\"max_bytes\":2000}")), required)).error().errCode())
                .isEqualTo(10122);
    }

    @Test
    void sourcesThatLoopBackAreACycle() throws Exception {
        StreamConfig a = StreamConfigValidator.check(StreamConfigJson.parse(bytes(
                "{\"name\":\"A\",\"subjects\":[\"x\"],\"sources\":[{\"name\":\"B\"}]}")), StreamCheckContext.NO_LIMITS);
        StreamCheckContext withA = new StreamCheckContext(0, false, 0, 0,
                n -> n.equals("A") ? Optional.of(a) : Optional.empty());
        JsApiException e = catchThrowableOfType(JsApiException.class, () -> StreamConfigValidator.check(
                StreamConfigJson.parse(bytes("{\"name\":\"B\",\"subjects\":[\"y\"],\"sources\":[{\"name\":\"A\"}]}")),
                withA));
        assertThat(e.error().description()).isEqualTo("detected cycle");
    }

    @Test
    void mirrorOfAVisibleStreamInheritsAllowDirect() throws Exception {
        StreamConfig origin = StreamConfigJson.parse(bytes("{\"name\":\"O\",\"allow_direct\":true}"));
        StreamCheckContext withO = new StreamCheckContext(0, false, 0, 0,
                n -> n.equals("O") ? Optional.of(origin) : Optional.empty());
        assertThat(StreamConfigValidator.check(StreamConfigJson.parse(bytes("{\"name\":\"M\",\"mirror\":{\"name\":\"O\"}}")),
                withO).mirrorDirect()).isTrue();
    }

    static Stream<Arguments> refusedOnUpdate() {
        String base = "{\"name\":\"S\",\"subjects\":[\"s\"]";
        return Stream.of(
                Arguments.of(base + "}", "{\"name\":\"S\",\"subjects\":[\"s\"],\"storage\":\"memory\"}", 10052,
                        "stream configuration update can not change storage type"),
                Arguments.of(base + "}", base + ",\"max_consumers\":5}", 10052,
                        "stream configuration update can not change MaxConsumers"),
                Arguments.of(base + "}", base + ",\"retention\":\"workqueue\"}", 10052,
                        "stream configuration update can not change retention policy to/from workqueue"),
                Arguments.of(base + ",\"sealed\":true}", base + "}", 10052,
                        "stream configuration update can not unseal a sealed stream"),
                Arguments.of(base + ",\"deny_delete\":true}", base + "}", 10052,
                        "stream configuration update can not cancel deny message deletes"),
                Arguments.of(base + ",\"deny_purge\":true}", base + "}", 10052,
                        "stream configuration update can not cancel deny purge"),
                Arguments.of(base + ",\"template_owner\":\"t\"}", base + "}", 10052,
                        "stream configuration update not allowed on template owned stream"),
                Arguments.of(base + "}", base + ",\"template_owner\":\"t\"}", 10052,
                        "stream configuration update can not be owned by a template"),
                Arguments.of("{\"name\":\"T\",\"subjects\":[\"s\"]}", base + "}", 10052,
                        "stream configuration name must match original"),
                Arguments.of("{\"name\":\"M\",\"mirror\":{\"name\":\"O\"}}", "{\"name\":\"M\",\"mirror\":{\"name\":\"P\"}}",
                        10055, "stream mirror configuration can not be updated"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("refusedOnUpdate")
    void updateRefusesWithNatsServersText(String oldJson, String newJson, int errCode, String description)
            throws Exception {
        StreamConfig old = stored(oldJson);
        JsApiException e = catchThrowableOfType(JsApiException.class, () -> StreamUpdateChecks.check(
                old, StreamConfigJson.parse(bytes(newJson)), StreamCheckContext.NO_LIMITS));
        assertThat(e).isNotNull();
        assertThat(e.error().errCode()).isEqualTo(errCode);
        assertThat(e.error().description()).isEqualTo(description);
    }

    @Test
    void updateMayChangeLimitsAndSealingLocksTheStream() throws Exception {
        StreamConfig old = stored("{\"name\":\"S\",\"subjects\":[\"s\"],\"allow_rollup_hdrs\":true}");
        StreamConfig sealed = StreamUpdateChecks.check(old, StreamConfigJson.parse(bytes(
                "{\"name\":\"S\",\"subjects\":[\"s\",\"t\"],\"max_age\":5000000000,\"sealed\":true}")),
                StreamCheckContext.NO_LIMITS);
        assertThat(sealed.subjects()).containsExactly("s", "t");
        assertThat(sealed.maxAgeNanos()).isZero();
        assertThat(sealed.discard()).isEqualTo(StreamConfig.Discard.NEW);
        assertThat(sealed.denyDelete()).isTrue();
        assertThat(sealed.denyPurge()).isTrue();
        assertThat(sealed.allowRollup()).isFalse();
    }

    @Test
    void everyCatalogEntryFillsItsPlaceholders() {
        assertThat(JsErrorKind.STREAM_EXTERNAL_DEL_PREFIX_OVERLAPS.error("p", "s").description())
                .isEqualTo("stream external delivery prefix p overlaps with stream subject s");
        assertThat(JsErrorKind.values()).hasSize(152);
        assertThat(Map.of(JsErrorKind.NOT_ENABLED_FOR_ACCOUNT.code(), JsErrorKind.NOT_ENABLED_FOR_ACCOUNT.errCode()))
                .containsEntry(503, 10039);
    }

    private static StreamConfig stored(String json) throws JsApiException {
        return StreamConfigValidator.check(StreamConfigJson.parse(bytes(json)), StreamCheckContext.NO_LIMITS);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
