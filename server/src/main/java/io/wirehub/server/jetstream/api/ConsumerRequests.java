package io.wirehub.server.jetstream.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirehub.server.subject.SubjectRelations;
import java.security.SecureRandom;
import java.util.List;

/**
 * CONSUMER.CREATE (every subject form), DURABLE.CREATE, INFO, NAMES, LIST and DELETE, as
 * nats-server 2.10 answers them on a single server: its checks in its order (the request's
 * subject and body in jsConsumerCreateRequest, then addConsumerWithAssignment), its reply fields
 * in its order. Called on the account's API thread only.
 */
final class ConsumerRequests {
    static final int NAMES_LIMIT = 1024;
    static final int LIST_LIMIT = 256;
    private static final String NAME_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The create request's action. */
    enum Action { CREATE_OR_UPDATE, CREATE, UPDATE }

    private final StreamRequests streams;
    private final ConsumerLimitsContext limits;

    ConsumerRequests(StreamRequests streams, ConsumerLimitsContext limits) {
        this.streams = streams;
        this.limits = limits;
    }

    ObjectNode create(JsApiEndpoint endpoint, String apiSubject, byte[] body) throws JsApiException {
        String[] tokens = apiSubject.split("\\.", -1);
        GoJsonObject request = RequestBody.parse(body);
        String streamName;
        String consumerName = "";
        String filter = "";
        boolean legacyDurable = endpoint == JsApiEndpoint.DURABLE_CREATE;
        boolean legacyEphemeral = endpoint == JsApiEndpoint.CONSUMER_CREATE;
        if (legacyDurable) {
            streamName = tokens[3];
            consumerName = tokens[4];
        } else {
            streamName = tokens[2];
            if (tokens.length > 3) {
                consumerName = tokens[3];
            }
            if (tokens.length > 4) {
                filter = String.join(".", List.of(tokens).subList(4, tokens.length));
            }
        }
        String requestStream = request.string("stream_name");
        ConsumerConfig config = ConsumerConfigJson.read(request.object("config"));
        Action action = request.enumValue("action", Action.CREATE_OR_UPDATE, ConsumerRequests::action);
        if (!streamName.equals(requestStream)) {
            throw new JsApiException(JsErrorKind.STREAM_MISMATCH.error());
        }
        if (consumerName.contains("/") || consumerName.contains("\\")) {
            throw new JsApiException(JsErrorKind.CONSUMER_NAME_CONTAINS_PATH_SEPARATORS.error());
        }
        if (legacyDurable) {
            if (config.durable.isEmpty()) {
                throw new JsApiException(JsErrorKind.CONSUMER_DURABLE_NAME_NOT_SET.error());
            }
            if (!consumerName.equals(config.durable)) {
                throw new JsApiException(JsErrorKind.CONSUMER_DURABLE_NAME_NOT_MATCH_SUBJECT.error());
            }
        } else if (!legacyEphemeral) {
            if (!config.durable.isEmpty() && !consumerName.equals(config.durable)) {
                throw new JsApiException(JsErrorKind.CONSUMER_DURABLE_NAME_NOT_MATCH_SUBJECT.error());
            }
            config.name = consumerName;
        }
        if (legacyEphemeral && !config.durable.isEmpty()) {
            throw new JsApiException(JsErrorKind.CONSUMER_EPHEMERAL_WITH_DURABLE_NAME.error());
        }
        if (!filter.isEmpty() && !config.filterSubjects.isEmpty()) {
            throw new JsApiException(JsErrorKind.CONSUMER_MULTIPLE_FILTERS_NOT_ALLOWED.error());
        }
        if (!filter.isEmpty() && !filter.equals(config.filterSubject)) {
            throw new JsApiException(JsErrorKind.CONSUMER_CREATE_FILTER_SUBJECT_MISMATCH.error());
        }
        if (config.replicas > 1) {
            throw new JsApiException(JsErrorKind.STREAM_REPLICAS_NOT_SUPPORTED.error());
        }
        StreamView stream = streams.find(requestStream);
        ConsumerView consumer = add(stream, config, action);
        return ConsumerInfoJson.put(JsApiResponses.typed(endpoint), stream.config().name(), consumer);
    }

    private static Action action(String json) {
        return switch (json) {
            case "" -> Action.CREATE_OR_UPDATE;
            case "create" -> Action.CREATE;
            case "update" -> Action.UPDATE;
            default -> null;
        };
    }

    /** addConsumerWithAssignment on a single server. */
    private ConsumerView add(StreamView stream, ConsumerConfig config, Action action) throws JsApiException {
        StreamConfig streamConfig = stream.config();
        ConsumerConfigChecks.applyDefaults(config, streamConfig, limits);
        ConsumerConfigChecks.check(config, streamConfig, limits);
        String name = config.isDurable() ? config.durable : config.name;
        boolean workQueue = streamConfig.retention() == StreamConfig.Retention.WORKQUEUE;
        if (!name.isEmpty()) {
            var existing = stream.consumer(name);
            if (existing.isPresent()) {
                ConsumerView current = existing.get();
                if (action == Action.CREATE && !config.equals(current.config())) {
                    throw new JsApiException(JsErrorKind.CONSUMER_ALREADY_EXISTS.error());
                }
                if (workQueue && !partitionUnique(stream, name, config.filters())) {
                    throw new JsApiException(JsErrorKind.CONSUMER_WQCONSUMER_NOT_UNIQUE.error());
                }
                ConsumerConfigChecks.checkUpdate(current.config(), config,
                        !current.config().deliverSubject.isEmpty() && stream.hasInterest(current.config().deliverSubject));
                updateInactiveThreshold(config);
                return stream.updateConsumer(current, config);
            }
        }
        if (action == Action.UPDATE) {
            throw new JsApiException(JsErrorKind.CONSUMER_DOES_NOT_EXIST.error());
        }
        long maxConsumers = streamConfig.maxConsumers();
        if (maxConsumers <= 0 || limits.accountMaxConsumers() > 0 && limits.accountMaxConsumers() < maxConsumers) {
            maxConsumers = limits.accountMaxConsumers();
        }
        if (maxConsumers > 0 && stream.consumers().size() >= maxConsumers) {
            throw new JsApiException(JsErrorKind.MAXIMUM_CONSUMERS_LIMIT.error());
        }
        if (workQueue && !config.direct) {
            if (config.ackPolicy != ConsumerConfig.AckPolicy.EXPLICIT) {
                throw new JsApiException(JsErrorKind.CONSUMER_WQREQUIRES_EXPLICIT_ACK.error());
            }
            if (!stream.consumers().isEmpty()) {
                if (config.filters().isEmpty()) {
                    throw new JsApiException(JsErrorKind.CONSUMER_WQMULTIPLE_UNFILTERED.error());
                }
                if (!partitionUnique(stream, name, config.filters())) {
                    throw new JsApiException(JsErrorKind.CONSUMER_WQCONSUMER_NOT_UNIQUE.error());
                }
            }
            if (config.deliverPolicy != ConsumerConfig.DeliverPolicy.ALL) {
                throw new JsApiException(JsErrorKind.CONSUMER_WQCONSUMER_NOT_DELIVER_ALL.error());
            }
        }
        if (config.isDurable()) {
            if (config.durable.length() > ConsumerConfigChecks.MAX_NAME_LENGTH) {
                throw new JsApiException(JsErrorKind.CONSUMER_NAME_TOO_LONG.error(ConsumerConfigChecks.MAX_NAME_LENGTH));
            }
        } else if (config.name.isEmpty()) {
            String generated;
            do {
                generated = randomName();
            } while (stream.consumer(generated).isPresent());
            config.name = generated;
            name = generated;
        }
        if (!StreamConfigValidator.isValidName(name)) {
            throw new JsApiException(JsErrorKind.CONSUMER_BAD_DURABLE_NAME.error());
        }
        updateInactiveThreshold(config);
        return stream.addConsumer(config);
    }

    /** Ephemerals always get an inactive threshold: 5 s unless they asked for one. */
    private static void updateInactiveThreshold(ConsumerConfig config) {
        if (!config.isDurable() && config.inactiveThresholdNanos <= 0) {
            config.inactiveThresholdNanos = ConsumerConfigChecks.EPHEMERAL_INACTIVE_THRESHOLD;
        }
    }

    /** nats-server's legacy ephemeral names: 8 random letters and digits. */
    private static String randomName() {
        StringBuilder s = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            s.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
        }
        return s.toString();
    }

    /** On a workqueue stream, no other consumer's filter may collide with these (an unfiltered one collides with all). */
    private static boolean partitionUnique(StreamView stream, String name, List<String> filters) {
        for (String filter : filters) {
            for (ConsumerView other : stream.consumers()) {
                if (other.name().equals(name)) {
                    continue;
                }
                List<String> theirs = other.config().filters();
                if (theirs.isEmpty()) {
                    return false;
                }
                for (String f : theirs) {
                    if (SubjectRelations.collide(filter, f)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    ObjectNode info(String apiSubject, byte[] body) throws JsApiException {
        String[] tokens = apiSubject.split("\\.");
        if (!RequestBody.isEmpty(body)) {
            throw new JsApiException(JsErrorKind.NOT_EMPTY_REQUEST.error());
        }
        StreamView stream = streams.find(tokens[2]);
        ConsumerView consumer = find(stream, tokens[3]);
        return ConsumerInfoJson.put(JsApiResponses.typed(JsApiEndpoint.CONSUMER_INFO), stream.config().name(), consumer);
    }

    private static ConsumerView find(StreamView stream, String name) throws JsApiException {
        return stream.consumer(name).orElseThrow(() -> new JsApiException(JsErrorKind.CONSUMER_NOT_FOUND.error()));
    }

    ObjectNode delete(String apiSubject, byte[] body) throws JsApiException {
        String[] tokens = apiSubject.split("\\.");
        if (!RequestBody.isEmpty(body)) {
            throw new JsApiException(JsErrorKind.NOT_EMPTY_REQUEST.error());
        }
        StreamView stream = streams.find(tokens[2]);
        stream.deleteConsumer(find(stream, tokens[3]));
        return JsApiResponses.typed(JsApiEndpoint.CONSUMER_DELETE).put("success", true);
    }

    private static long offset(byte[] body) throws JsApiException {
        if (RequestBody.isEmpty(body)) {
            return 0;
        }
        return Math.max(0, RequestBody.parse(body).integer("offset", 64));
    }

    ObjectNode names(String apiSubject, byte[] body) throws JsApiException {
        long offset = offset(body);
        StreamView stream = streams.find(apiSubject.substring("CONSUMER.NAMES.".length()));
        List<ConsumerView> all = stream.consumers();
        int from = (int) Math.min(offset, all.size());
        ObjectNode reply = JsApiResponses.typed(JsApiEndpoint.CONSUMER_NAMES);
        reply.put("total", all.size()).put("offset", from).put("limit", NAMES_LIMIT);
        ArrayNode names = reply.putArray("consumers");
        all.subList(from, Math.min(all.size(), from + NAMES_LIMIT)).forEach(c -> names.add(c.name()));
        return reply;
    }

    ObjectNode list(String apiSubject, byte[] body) throws JsApiException {
        long offset = offset(body);
        StreamView stream = streams.find(apiSubject.substring("CONSUMER.LIST.".length()));
        List<ConsumerView> all = stream.consumers();
        int from = (int) Math.min(offset, all.size());
        ObjectNode reply = JsApiResponses.typed(JsApiEndpoint.CONSUMER_LIST);
        reply.put("total", all.size()).put("offset", from).put("limit", LIST_LIMIT);
        ArrayNode infos = reply.putArray("consumers");
        for (ConsumerView c : all.subList(from, Math.min(all.size(), from + LIST_LIMIT))) {
            infos.add(ConsumerInfoJson.info(stream.config().name(), c));
        }
        return reply;
    }
}
