package io.wirehub.server.jetstream.api;

import io.wirehub.server.subject.Subjects;

/**
 * The subjects nats-server 2.10 serves under {@code $JS.API.}, with the reply {@code type} of
 * each. A request on any other {@code $JS.API.} subject gets no reply at all, as from
 * nats-server. System-account-only endpoints are marked: from other accounts they are ignored.
 */
public enum JsApiEndpoint {
    ACCOUNT_INFO("INFO", "account_info_response", false),
    TEMPLATE_CREATE("STREAM.TEMPLATE.CREATE.*", "stream_template_create_response", false),
    TEMPLATE_NAMES("STREAM.TEMPLATE.NAMES", "stream_template_names_response", false),
    TEMPLATE_INFO("STREAM.TEMPLATE.INFO.*", "stream_template_info_response", false),
    TEMPLATE_DELETE("STREAM.TEMPLATE.DELETE.*", "stream_template_delete_response", false),
    STREAM_CREATE("STREAM.CREATE.*", "stream_create_response", false),
    STREAM_UPDATE("STREAM.UPDATE.*", "stream_update_response", false),
    STREAM_NAMES("STREAM.NAMES", "stream_names_response", false),
    STREAM_LIST("STREAM.LIST", "stream_list_response", false),
    STREAM_INFO("STREAM.INFO.*", "stream_info_response", false),
    STREAM_DELETE("STREAM.DELETE.*", "stream_delete_response", false),
    STREAM_PURGE("STREAM.PURGE.*", "stream_purge_response", false),
    STREAM_SNAPSHOT("STREAM.SNAPSHOT.*", "stream_snapshot_response", false),
    STREAM_RESTORE("STREAM.RESTORE.*", "stream_restore_response", false),
    MSG_DELETE("STREAM.MSG.DELETE.*", "stream_msg_delete_response", false),
    MSG_GET("STREAM.MSG.GET.*", "stream_msg_get_response", false),
    STREAM_REMOVE_PEER("STREAM.PEER.REMOVE.*", "stream_remove_peer_response", false),
    STREAM_LEADER_STEPDOWN("STREAM.LEADER.STEPDOWN.*", "stream_leader_stepdown_response", false),
    CONSUMER_CREATE("CONSUMER.CREATE.*", "consumer_create_response", false),
    CONSUMER_CREATE_NAMED("CONSUMER.CREATE.*.>", "consumer_create_response", false),
    DURABLE_CREATE("CONSUMER.DURABLE.CREATE.*.*", "consumer_create_response", false),
    CONSUMER_NAMES("CONSUMER.NAMES.*", "consumer_names_response", false),
    CONSUMER_LIST("CONSUMER.LIST.*", "consumer_list_response", false),
    CONSUMER_INFO("CONSUMER.INFO.*.*", "consumer_info_response", false),
    CONSUMER_DELETE("CONSUMER.DELETE.*.*", "consumer_delete_response", false),
    CONSUMER_LEADER_STEPDOWN("CONSUMER.LEADER.STEPDOWN.*.*", "consumer_leader_stepdown_response", false),
    META_LEADER_STEPDOWN("META.LEADER.STEPDOWN", "meta_leader_stepdown_response", true),
    SERVER_REMOVE("SERVER.REMOVE", "meta_server_remove_response", true),
    ACCOUNT_PURGE("ACCOUNT.PURGE.*", "account_purge_response", true),
    STREAM_MOVE("ACCOUNT.STREAM.MOVE.*.*", "stream_update_response", true),
    STREAM_CANCEL_MOVE("ACCOUNT.STREAM.CANCEL_MOVE.*.*", "stream_update_response", true);

    public static final String PREFIX = "$JS.API.";
    private static final String TYPE_PREFIX = "io.nats.jetstream.api.v1.";

    private final String pattern;
    private final String type;
    private final boolean systemOnly;

    JsApiEndpoint(String pattern, String type, boolean systemOnly) {
        this.pattern = pattern;
        this.type = TYPE_PREFIX + type;
        this.systemOnly = systemOnly;
    }

    /** The reply's {@code type}, such as {@code io.nats.jetstream.api.v1.stream_create_response}. */
    public String type() {
        return type;
    }

    public boolean systemOnly() {
        return systemOnly;
    }

    /** The endpoint a subject after {@code $JS.API.} names, or null for none. */
    public static JsApiEndpoint of(String apiSubject) {
        for (JsApiEndpoint e : values()) {
            if (Subjects.matchesLiteral(apiSubject, e.pattern)) {
                return e;
            }
        }
        return null;
    }
}
