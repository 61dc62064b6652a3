package io.wirehub.server.jetstream.api;

import io.wirehub.server.jetstream.store.StoreState;
import io.wirehub.server.jetstream.store.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stream as the API sees it: its config, its state and the operations of the STREAM.* and
 * MSG.* requests. Store errors come back as nats-server's API errors.
 */
public interface StreamView {

    StreamConfig config();

    Instant created();

    StoreState state();

    /** The deleted sequences between first and last (STREAM.INFO's deleted_details). */
    List<Long> deleted();

    /** Message counts per subject matching the filter (STREAM.INFO's subjects_filter). */
    Map<String, Long> subjectTotals(String filter);

    /** STREAM.PURGE: filter ("" for all), below seq (0: any), keeping the newest keep (0: none). */
    long purge(String filter, long seq, long keep) throws JsApiException;

    /**
     * STREAM.MSG.DELETE.
     *
     * @return false when there is no message at seq (10043)
     * @throws JsApiException 10057 {@code stream store EOF} beyond the last sequence
     */
    boolean deleteMessage(long seq, boolean erase) throws JsApiException;

    Optional<StoredMessage> message(long seq);

    /** The first message at or after fromSeq on a subject (wildcards allowed). */
    Optional<StoredMessage> nextMessage(String filter, long fromSeq);

    Optional<StoredMessage> lastMessage(String subject);

    /** The state of the stream's mirror (STREAM.INFO's {@code mirror}); empty when it is not a mirror. */
    default Optional<SourceInfo> mirrorInfo() {
        return Optional.empty();
    }

    /** The state of each of the stream's sources (STREAM.INFO's {@code sources}). */
    default List<SourceInfo> sourcesInfo() {
        return List.of();
    }

    /** How many consumers the stream has (state.consumer_count). */
    default int consumerCount() {
        return consumers().size();
    }

    /** The stream's consumers, sorted by name, leaving out direct (internal) ones. */
    default java.util.List<ConsumerView> consumers() {
        return List.of();
    }

    default Optional<ConsumerView> consumer(String name) {
        return Optional.empty();
    }

    /** Whether anything is subscribed to a subject in the stream's account (a push consumer's). */
    default boolean hasInterest(String subject) {
        return false;
    }

    /**
     * Starts a consumer from a checked, defaulted config whose name is set and not taken.
     *
     * @throws JsApiException 10104 when its store cannot be made
     */
    default ConsumerView addConsumer(ConsumerConfig config) throws JsApiException {
        throw new JsApiException(JsErrorKind.STREAM_NOT_FOUND.error());
    }

    /** Gives a consumer a checked new config. */
    default ConsumerView updateConsumer(ConsumerView consumer, ConsumerConfig config) throws JsApiException {
        throw new JsApiException(JsErrorKind.CONSUMER_NOT_FOUND.error());
    }

    /** Stops a consumer and removes its state. */
    default void deleteConsumer(ConsumerView consumer) throws JsApiException {
        throw new JsApiException(JsErrorKind.CONSUMER_NOT_FOUND.error());
    }
}
