package io.wirehub.server.jetstream.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every error the JetStream API can answer with, as nats-server 2.10's {@code errors.json} lists
 * them: the HTTP-like {@code code}, the {@code err_code} clients match on, and the description with
 * its {@code {placeholders}}. Written out from errors.json (v2.10.29), sorted by err_code; the
 * Javadoc of each names nats-server's constant so the two can be compared line by line.
 */
public enum JsErrorKind {
    /** JSAccountResourcesExceededErr */
    ACCOUNT_RESOURCES_EXCEEDED(400, 10002, "resource limits exceeded for account"),
    /** JSBadRequestErr */
    BAD_REQUEST(400, 10003, "bad request"),
    /** JSClusterIncompleteErr */
    CLUSTER_INCOMPLETE(503, 10004, "incomplete results"),
    /** JSClusterNoPeersErrF */
    CLUSTER_NO_PEERS(400, 10005, "{err}"),
    /** JSClusterNotActiveErr */
    CLUSTER_NOT_ACTIVE(500, 10006, "JetStream not in clustered mode"),
    /** JSClusterNotAssignedErr */
    CLUSTER_NOT_ASSIGNED(500, 10007, "JetStream cluster not assigned to this server"),
    /** JSClusterNotAvailErr */
    CLUSTER_NOT_AVAIL(503, 10008, "JetStream system temporarily unavailable"),
    /** JSClusterNotLeaderErr */
    CLUSTER_NOT_LEADER(500, 10009, "JetStream cluster can not handle request"),
    /** JSClusterRequiredErr */
    CLUSTER_REQUIRED(503, 10010, "JetStream clustering support required"),
    /** JSClusterTagsErr */
    CLUSTER_TAGS(400, 10011, "tags placement not supported for operation"),
    /** JSConsumerCreateErrF */
    CONSUMER_CREATE(500, 10012, "{err}"),
    /** JSConsumerNameExistErr */
    CONSUMER_NAME_EXIST(400, 10013, "consumer name already in use"),
    /** JSConsumerNotFoundErr */
    CONSUMER_NOT_FOUND(404, 10014, "consumer not found"),
    /** JSSnapshotDeliverSubjectInvalidErr */
    SNAPSHOT_DELIVER_SUBJECT_INVALID(400, 10015, "deliver subject not valid"),
    /** JSConsumerDurableNameNotInSubjectErr */
    CONSUMER_DURABLE_NAME_NOT_IN_SUBJECT(400, 10016, "consumer expected to be durable but no durable name set in subject"),
    /** JSConsumerDurableNameNotMatchSubjectErr */
    CONSUMER_DURABLE_NAME_NOT_MATCH_SUBJECT(400, 10017, "consumer name in subject does not match durable name in request"),
    /** JSConsumerDurableNameNotSetErr */
    CONSUMER_DURABLE_NAME_NOT_SET(400, 10018, "consumer expected to be durable but a durable name was not set"),
    /** JSConsumerEphemeralWithDurableInSubjectErr */
    CONSUMER_EPHEMERAL_WITH_DURABLE_IN_SUBJECT(400, 10019, "consumer expected to be ephemeral but detected a durable name set in subject"),
    /** JSConsumerEphemeralWithDurableNameErr */
    CONSUMER_EPHEMERAL_WITH_DURABLE_NAME(400, 10020, "consumer expected to be ephemeral but a durable name was set in request"),
    /** JSStreamExternalApiOverlapErrF */
    STREAM_EXTERNAL_API_OVERLAP(400, 10021, "stream external api prefix {prefix} must not overlap with {subject}"),
    /** JSStreamExternalDelPrefixOverlapsErrF */
    STREAM_EXTERNAL_DEL_PREFIX_OVERLAPS(400, 10022, "stream external delivery prefix {prefix} overlaps with stream subject {subject}"),
    /** JSInsufficientResourcesErr */
    INSUFFICIENT_RESOURCES(503, 10023, "insufficient resources"),
    /** JSStreamInvalidExternalDeliverySubjErrF */
    STREAM_INVALID_EXTERNAL_DELIVERY_SUBJ(400, 10024, "stream external delivery prefix {prefix} must not contain wildcards"),
    /** JSInvalidJSONErr */
    INVALID_JSON(400, 10025, "invalid JSON"),
    /** JSMaximumConsumersLimitErr */
    MAXIMUM_CONSUMERS_LIMIT(400, 10026, "maximum consumers limit reached"),
    /** JSMaximumStreamsLimitErr */
    MAXIMUM_STREAMS_LIMIT(400, 10027, "maximum number of streams reached"),
    /** JSMemoryResourcesExceededErr */
    MEMORY_RESOURCES_EXCEEDED(500, 10028, "insufficient memory resources available"),
    /** JSMirrorConsumerSetupFailedErrF */
    MIRROR_CONSUMER_SETUP_FAILED(500, 10029, "{err}"),
    /** JSMirrorMaxMessageSizeTooBigErr */
    MIRROR_MAX_MESSAGE_SIZE_TOO_BIG(400, 10030, "stream mirror must have max message size >= source"),
    /** JSMirrorWithSourcesErr */
    MIRROR_WITH_SOURCES(400, 10031, "stream mirrors can not also contain other sources"),
    /** JSMirrorWithStartSeqAndTimeErr */
    MIRROR_WITH_START_SEQ_AND_TIME(400, 10032, "stream mirrors can not have both start seq and start time configured"),
    /** JSMirrorWithSubjectFiltersErr */
    MIRROR_WITH_SUBJECT_FILTERS(400, 10033, "stream mirrors can not contain filtered subjects"),
    /** JSMirrorWithSubjectsErr */
    MIRROR_WITH_SUBJECTS(400, 10034, "stream mirrors can not contain subjects"),
    /** JSNoAccountErr */
    NO_ACCOUNT(503, 10035, "account not found"),
    /** JSClusterUnSupportFeatureErr */
    CLUSTER_UN_SUPPORT_FEATURE(503, 10036, "not currently supported in clustered mode"),
    /** JSNoMessageFoundErr */
    NO_MESSAGE_FOUND(404, 10037, "no message found"),
    /** JSNotEmptyRequestErr */
    NOT_EMPTY_REQUEST(400, 10038, "expected an empty request payload"),
    /** JSNotEnabledForAccountErr */
    NOT_ENABLED_FOR_ACCOUNT(503, 10039, "JetStream not enabled for account"),
    /** JSClusterPeerNotMemberErr */
    CLUSTER_PEER_NOT_MEMBER(400, 10040, "peer not a member"),
    /** JSRaftGeneralErrF */
    RAFT_GENERAL(500, 10041, "{err}"),
    /** JSRestoreSubscribeFailedErrF */
    RESTORE_SUBSCRIBE_FAILED(500, 10042, "JetStream unable to subscribe to restore snapshot {subject}: {err}"),
    /** JSSequenceNotFoundErrF */
    SEQUENCE_NOT_FOUND(400, 10043, "sequence {seq} not found"),
    /** JSClusterServerNotMemberErr */
    CLUSTER_SERVER_NOT_MEMBER(400, 10044, "server is not a member of the cluster"),
    /** JSSourceConsumerSetupFailedErrF */
    SOURCE_CONSUMER_SETUP_FAILED(500, 10045, "{err}"),
    /** JSSourceMaxMessageSizeTooBigErr */
    SOURCE_MAX_MESSAGE_SIZE_TOO_BIG(400, 10046, "stream source must have max message size >= target"),
    /** JSStorageResourcesExceededErr */
    STORAGE_RESOURCES_EXCEEDED(500, 10047, "insufficient storage resources available"),
    /** JSStreamAssignmentErrF */
    STREAM_ASSIGNMENT(500, 10048, "{err}"),
    /** JSStreamCreateErrF */
    STREAM_CREATE(500, 10049, "{err}"),
    /** JSStreamDeleteErrF */
    STREAM_DELETE(500, 10050, "{err}"),
    /** JSStreamGeneralErrorF */
    STREAM_GENERAL_ERROR(500, 10051, "{err}"),
    /** JSStreamInvalidConfigF */
    STREAM_INVALID_CONFIG(500, 10052, "{err}"),
    /** JSStreamLimitsErrF */
    STREAM_LIMITS(500, 10053, "{err}"),
    /** JSStreamMessageExceedsMaximumErr */
    STREAM_MESSAGE_EXCEEDS_MAXIMUM(400, 10054, "message size exceeds maximum allowed"),
    /** JSStreamMirrorNotUpdatableErr */
    STREAM_MIRROR_NOT_UPDATABLE(400, 10055, "stream mirror configuration can not be updated"),
    /** JSStreamMismatchErr */
    STREAM_MISMATCH(400, 10056, "stream name in subject does not match request"),
    /** JSStreamMsgDeleteFailedF */
    STREAM_MSG_DELETE_FAILED(500, 10057, "{err}"),
    /** JSStreamNameExistErr */
    STREAM_NAME_EXIST(400, 10058, "stream name already in use with a different configuration"),
    /** JSStreamNotFoundErr */
    STREAM_NOT_FOUND(404, 10059, "stream not found"),
    /** JSStreamNotMatchErr */
    STREAM_NOT_MATCH(400, 10060, "expected stream does not match"),
    /** JSStreamReplicasNotUpdatableErr */
    STREAM_REPLICAS_NOT_UPDATABLE(400, 10061, "Replicas configuration can not be updated"),
    /** JSStreamRestoreErrF */
    STREAM_RESTORE(500, 10062, "restore failed: {err}"),
    /** JSStreamSequenceNotMatchErr */
    STREAM_SEQUENCE_NOT_MATCH(503, 10063, "expected stream sequence does not match"),
    /** JSStreamSnapshotErrF */
    STREAM_SNAPSHOT(500, 10064, "snapshot failed: {err}"),
    /** JSStreamSubjectOverlapErr */
    STREAM_SUBJECT_OVERLAP(400, 10065, "subjects overlap with an existing stream"),
    /** JSStreamTemplateCreateErrF */
    STREAM_TEMPLATE_CREATE(500, 10066, "{err}"),
    /** JSStreamTemplateDeleteErrF */
    STREAM_TEMPLATE_DELETE(500, 10067, "{err}"),
    /** JSStreamTemplateNotFoundErr */
    STREAM_TEMPLATE_NOT_FOUND(404, 10068, "template not found"),
    /** JSStreamUpdateErrF */
    STREAM_UPDATE(500, 10069, "{err}"),
    /** JSStreamWrongLastMsgIDErrF */
    STREAM_WRONG_LAST_MSG_ID(400, 10070, "wrong last msg ID: {id}"),
    /** JSStreamWrongLastSequenceErrF */
    STREAM_WRONG_LAST_SEQUENCE(400, 10071, "wrong last sequence: {seq}"),
    /** JSTempStorageFailedErr */
    TEMP_STORAGE_FAILED(500, 10072, "JetStream unable to open temp storage for restore"),
    /** JSTemplateNameNotMatchSubjectErr */
    TEMPLATE_NAME_NOT_MATCH_SUBJECT(400, 10073, "template name in subject does not match request"),
    /** JSStreamReplicasNotSupportedErr */
    STREAM_REPLICAS_NOT_SUPPORTED(500, 10074, "replicas > 1 not supported in non-clustered mode"),
    /** JSPeerRemapErr */
    PEER_REMAP(503, 10075, "peer remap failed"),
    /** JSNotEnabledErr */
    NOT_ENABLED(503, 10076, "JetStream not enabled"),
    /** JSStreamStoreFailedF */
    STREAM_STORE_FAILED(503, 10077, "{err}"),
    /** JSConsumerConfigRequiredErr */
    CONSUMER_CONFIG_REQUIRED(400, 10078, "consumer config required"),
    /** JSConsumerDeliverToWildcardsErr */
    CONSUMER_DELIVER_TO_WILDCARDS(400, 10079, "consumer deliver subject has wildcards"),
    /** JSConsumerPushMaxWaitingErr */
    CONSUMER_PUSH_MAX_WAITING(400, 10080, "consumer in push mode can not set max waiting"),
    /** JSConsumerDeliverCycleErr */
    CONSUMER_DELIVER_CYCLE(400, 10081, "consumer deliver subject forms a cycle"),
    /** JSConsumerMaxPendingAckPolicyRequiredErr */
    CONSUMER_MAX_PENDING_ACK_POLICY_REQUIRED(400, 10082, "consumer requires ack policy for max ack pending"),
    /** JSConsumerSmallHeartbeatErr */
    CONSUMER_SMALL_HEARTBEAT(400, 10083, "consumer idle heartbeat needs to be >= 100ms"),
    /** JSConsumerPullRequiresAckErr */
    CONSUMER_PULL_REQUIRES_ACK(400, 10084, "consumer in pull mode requires ack policy"),
    /** JSConsumerPullNotDurableErr */
    CONSUMER_PULL_NOT_DURABLE(400, 10085, "consumer in pull mode requires a durable name"),
    /** JSConsumerPullWithRateLimitErr */
    CONSUMER_PULL_WITH_RATE_LIMIT(400, 10086, "consumer in pull mode can not have rate limit set"),
    /** JSConsumerMaxWaitingNegativeErr */
    CONSUMER_MAX_WAITING_NEGATIVE(400, 10087, "consumer max waiting needs to be positive"),
    /** JSConsumerHBRequiresPushErr */
    CONSUMER_HBREQUIRES_PUSH(400, 10088, "consumer idle heartbeat requires a push based consumer"),
    /** JSConsumerFCRequiresPushErr */
    CONSUMER_FCREQUIRES_PUSH(400, 10089, "consumer flow control requires a push based consumer"),
    /** JSConsumerDirectRequiresPushErr */
    CONSUMER_DIRECT_REQUIRES_PUSH(400, 10090, "consumer direct requires a push based consumer"),
    /** JSConsumerDirectRequiresEphemeralErr */
    CONSUMER_DIRECT_REQUIRES_EPHEMERAL(400, 10091, "consumer direct requires an ephemeral consumer"),
    /** JSConsumerOnMappedErr */
    CONSUMER_ON_MAPPED(400, 10092, "consumer direct on a mapped consumer"),
    /** JSConsumerFilterNotSubsetErr */
    CONSUMER_FILTER_NOT_SUBSET(400, 10093, "consumer filter subject is not a valid subset of the interest subjects"),
    /** JSConsumerInvalidPolicyErrF */
    CONSUMER_INVALID_POLICY(400, 10094, "{err}"),
    /** JSConsumerInvalidSamplingErrF */
    CONSUMER_INVALID_SAMPLING(400, 10095, "failed to parse consumer sampling configuration: {err}"),
    /** JSStreamInvalidErr */
    STREAM_INVALID(500, 10096, "stream not valid"),
    /** JSStreamHeaderExceedsMaximumErr */
    STREAM_HEADER_EXCEEDS_MAXIMUM(400, 10097, "header size exceeds maximum allowed of 64k"),
    /** JSConsumerWQRequiresExplicitAckErr */
    CONSUMER_WQREQUIRES_EXPLICIT_ACK(400, 10098, "workqueue stream requires explicit ack"),
    /** JSConsumerWQMultipleUnfilteredErr */
    CONSUMER_WQMULTIPLE_UNFILTERED(400, 10099, "multiple non-filtered consumers not allowed on workqueue stream"),
    /** JSConsumerWQConsumerNotUniqueErr */
    CONSUMER_WQCONSUMER_NOT_UNIQUE(400, 10100, "filtered consumer not unique on workqueue stream"),
    /** JSConsumerWQConsumerNotDeliverAllErr */
    CONSUMER_WQCONSUMER_NOT_DELIVER_ALL(400, 10101, "consumer must be deliver all on workqueue stream"),
    /** JSConsumerNameTooLongErrF */
    CONSUMER_NAME_TOO_LONG(400, 10102, "consumer name is too long, maximum allowed is {max}"),
    /** JSConsumerBadDurableNameErr */
    CONSUMER_BAD_DURABLE_NAME(400, 10103, "durable name can not contain '.', '*', '>'"),
    /** JSConsumerStoreFailedErrF */
    CONSUMER_STORE_FAILED(500, 10104, "error creating store for consumer: {err}"),
    /** JSConsumerExistingActiveErr */
    CONSUMER_EXISTING_ACTIVE(400, 10105, "consumer already exists and is still active"),
    /** JSConsumerReplacementWithDifferentNameErr */
    CONSUMER_REPLACEMENT_WITH_DIFFERENT_NAME(400, 10106, "consumer replacement durable config not the same"),
    /** JSConsumerDescriptionTooLongErrF */
    CONSUMER_DESCRIPTION_TOO_LONG(400, 10107, "consumer description is too long, maximum allowed is {max}"),
    /** JSConsumerWithFlowControlNeedsHeartbeats */
    CONSUMER_WITH_FLOW_CONTROL_NEEDS_HEARTBEATS(400, 10108, "consumer with flow control also needs heartbeats"),
    /** JSStreamSealedErr */
    STREAM_SEALED(400, 10109, "invalid operation on sealed stream"),
    /** JSStreamPurgeFailedF */
    STREAM_PURGE_FAILED(500, 10110, "{err}"),
    /** JSStreamRollupFailedF */
    STREAM_ROLLUP_FAILED(500, 10111, "{err}"),
    /** JSConsumerInvalidDeliverSubject */
    CONSUMER_INVALID_DELIVER_SUBJECT(400, 10112, "invalid push consumer deliver subject"),
    /** JSStreamMaxBytesRequired */
    STREAM_MAX_BYTES_REQUIRED(400, 10113, "account requires a stream config to have max bytes set"),
    /** JSConsumerMaxRequestBatchNegativeErr */
    CONSUMER_MAX_REQUEST_BATCH_NEGATIVE(400, 10114, "consumer max request batch needs to be > 0"),
    /** JSConsumerMaxRequestExpiresToSmall */
    CONSUMER_MAX_REQUEST_EXPIRES_TO_SMALL(400, 10115, "consumer max request expires needs to be >= 1ms"),
    /** JSConsumerMaxDeliverBackoffErr */
    CONSUMER_MAX_DELIVER_BACKOFF(400, 10116, "max deliver is required to be > length of backoff values"),
    /** JSStreamInfoMaxSubjectsErr */
    STREAM_INFO_MAX_SUBJECTS(500, 10117, "subject details would exceed maximum allowed"),
    /** JSStreamOfflineErr */
    STREAM_OFFLINE(500, 10118, "stream is offline"),
    /** JSConsumerOfflineErr */
    CONSUMER_OFFLINE(500, 10119, "consumer is offline"),
    /** JSNoLimitsErr */
    NO_LIMITS(400, 10120, "no JetStream default or applicable tiered limit present"),
    /** JSConsumerMaxPendingAckExcessErrF */
    CONSUMER_MAX_PENDING_ACK_EXCESS(400, 10121, "consumer max ack pending exceeds system limit of {limit}"),
    /** JSStreamMaxStreamBytesExceeded */
    STREAM_MAX_STREAM_BYTES_EXCEEDED(400, 10122, "stream max bytes exceeds account limit max stream bytes"),
    /** JSStreamMoveAndScaleErr */
    STREAM_MOVE_AND_SCALE(400, 10123, "can not move and scale a stream in a single update"),
    /** JSStreamMoveInProgressF */
    STREAM_MOVE_IN_PROGRESS(400, 10124, "stream move already in progress: {msg}"),
    /** JSConsumerMaxRequestBatchExceededF */
    CONSUMER_MAX_REQUEST_BATCH_EXCEEDED(400, 10125, "consumer max request batch exceeds server limit of {limit}"),
    /** JSConsumerReplicasExceedsStream */
    CONSUMER_REPLICAS_EXCEEDS_STREAM(400, 10126, "consumer config replica count exceeds parent stream"),
    /** JSConsumerNameContainsPathSeparatorsErr */
    CONSUMER_NAME_CONTAINS_PATH_SEPARATORS(400, 10127, "Consumer name can not contain path separators"),
    /** JSStreamNameContainsPathSeparatorsErr */
    STREAM_NAME_CONTAINS_PATH_SEPARATORS(400, 10128, "Stream name can not contain path separators"),
    /** JSStreamMoveNotInProgress */
    STREAM_MOVE_NOT_IN_PROGRESS(400, 10129, "stream move not in progress"),
    /** JSStreamNameExistRestoreFailedErr */
    STREAM_NAME_EXIST_RESTORE_FAILED(400, 10130, "stream name already in use, cannot restore"),
    /** JSConsumerCreateFilterSubjectMismatchErr */
    CONSUMER_CREATE_FILTER_SUBJECT_MISMATCH(400, 10131, "Consumer create request did not match filtered subject from create subject"),
    /** JSConsumerCreateDurableAndNameMismatch */
    CONSUMER_CREATE_DURABLE_AND_NAME_MISMATCH(400, 10132, "Consumer Durable and Name have to be equal if both are provided"),
    /** JSReplicasCountCannotBeNegative */
    REPLICAS_COUNT_CANNOT_BE_NEGATIVE(400, 10133, "replicas count cannot be negative"),
    /** JSConsumerReplicasShouldMatchStream */
    CONSUMER_REPLICAS_SHOULD_MATCH_STREAM(400, 10134, "consumer config replicas must match interest retention stream's replicas"),
    /** JSConsumerMetadataLengthErrF */
    CONSUMER_METADATA_LENGTH(400, 10135, "consumer metadata exceeds maximum size of {limit}"),
    /** JSConsumerDuplicateFilterSubjects */
    CONSUMER_DUPLICATE_FILTER_SUBJECTS(400, 10136, "consumer cannot have both FilterSubject and FilterSubjects specified"),
    /** JSConsumerMultipleFiltersNotAllowed */
    CONSUMER_MULTIPLE_FILTERS_NOT_ALLOWED(400, 10137, "consumer with multiple subject filters cannot use subject based API"),
    /** JSConsumerOverlappingSubjectFilters */
    CONSUMER_OVERLAPPING_SUBJECT_FILTERS(400, 10138, "consumer subject filters cannot overlap"),
    /** JSConsumerEmptyFilter */
    CONSUMER_EMPTY_FILTER(400, 10139, "consumer filter in FilterSubjects cannot be empty"),
    /** JSSourceDuplicateDetected */
    SOURCE_DUPLICATE_DETECTED(400, 10140, "duplicate source configuration detected"),
    /** JSSourceInvalidStreamName */
    SOURCE_INVALID_STREAM_NAME(400, 10141, "sourced stream name is invalid"),
    /** JSMirrorInvalidStreamName */
    MIRROR_INVALID_STREAM_NAME(400, 10142, "mirrored stream name is invalid"),
    /** JSMirrorWithFirstSeqErr */
    MIRROR_WITH_FIRST_SEQ(400, 10143, "stream mirrors can not have first sequence configured"),
    /** JSSourceMultipleFiltersNotAllowed */
    SOURCE_MULTIPLE_FILTERS_NOT_ALLOWED(400, 10144, "source with multiple subject transforms cannot also have a single subject filter"),
    /** JSSourceInvalidSubjectFilter */
    SOURCE_INVALID_SUBJECT_FILTER(400, 10145, "source subject filter is invalid"),
    /** JSSourceInvalidTransformDestination */
    SOURCE_INVALID_TRANSFORM_DESTINATION(400, 10146, "source transform destination is invalid"),
    /** JSSourceOverlappingSubjectFilters */
    SOURCE_OVERLAPPING_SUBJECT_FILTERS(400, 10147, "source filters can not overlap"),
    /** JSConsumerAlreadyExists */
    CONSUMER_ALREADY_EXISTS(400, 10148, "consumer already exists"),
    /** JSConsumerDoesNotExist */
    CONSUMER_DOES_NOT_EXIST(400, 10149, "consumer does not exist"),
    /** JSMirrorMultipleFiltersNotAllowed */
    MIRROR_MULTIPLE_FILTERS_NOT_ALLOWED(400, 10150, "mirror with multiple subject transforms cannot also have a single subject filter"),
    /** JSMirrorInvalidSubjectFilter */
    MIRROR_INVALID_SUBJECT_FILTER(400, 10151, "mirror subject filter is invalid"),
    /** JSMirrorOverlappingSubjectFilters */
    MIRROR_OVERLAPPING_SUBJECT_FILTERS(400, 10152, "mirror subject filters can not overlap"),
    /** JSConsumerInactiveThresholdExcess */
    CONSUMER_INACTIVE_THRESHOLD_EXCESS(400, 10153, "consumer inactive threshold exceeds system limit of {limit}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_]+}");

    private final int code;
    private final int errCode;
    private final String description;

    JsErrorKind(int code, int errCode, String description) {
        this.code = code;
        this.errCode = errCode;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public int errCode() {
        return errCode;
    }

    /** The description as errors.json has it, placeholders unfilled. */
    public String template() {
        return description;
    }

    /**
     * The error with its placeholders filled in the order they first appear in the description
     * (the order of nats-server's constructor arguments); a description without placeholders
     * takes no values.
     */
    public JsApiError error(Object... values) {
        Matcher m = PLACEHOLDER.matcher(description);
        StringBuilder text = new StringBuilder();
        java.util.Map<String, String> filled = new java.util.HashMap<>();
        int next = 0;
        while (m.find()) {
            String key = m.group();
            String value = filled.get(key);
            if (value == null) {
                if (next >= values.length) {
                    throw new IllegalArgumentException(name() + " needs a value for " + key);
                }
                value = String.valueOf(values[next++]);
                filled.put(key, value);
            }
            m.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        m.appendTail(text);
        if (next != values.length) {
            throw new IllegalArgumentException(name() + " takes " + next + " values, got " + values.length);
        }
        return new JsApiError(this, text.toString());
    }
}
