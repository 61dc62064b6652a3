package io.wirehub.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirehub.server.protocol.PublishArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the router treats a remote sink (a leaf link): one forward per message naming the queue
 * groups it was chosen for, local queue members first, nothing back to where a message came from,
 * a link's message reaching only the queue groups it names and passed on to other links, and
 * remote queue candidates chosen in proportion to their weights.
 */
class RemoteSinkRoutingTest {
    private final Router router = new Router(new SubjectIndex(true));

    /** Records each forward as "plain|queues", the queues sorted (their order is the index's). */
    private static class RecordingRemote implements RemoteSink {
        final List<String> forwards = new ArrayList<>();

        @Override
        public boolean forward(PublishedMessage message, boolean plain, List<String> queues) {
            forwards.add(plain + "|" + String.join(",", queues.stream().sorted().toList()));
            return true;
        }

        @Override
        public void flushSignal() {
        }
    }

    /** Counts deliveries. */
    private static final class CountingSink implements MessageSink {
        int delivered;

        @Override
        public boolean deliver(Subscription subscription, PublishedMessage message) {
            delivered++;
            return true;
        }

        @Override
        public void flushSignal() {
        }
    }

    private static Subscription sub(MessageSink sink, String subject, String queue) {
        return new Subscription(sink, subject, queue, "1".getBytes(StandardCharsets.ISO_8859_1));
    }

    private int publish(MessageSink from, String subject) {
        PublishArgs args = new PublishArgs();
        args.compose(subject, null, 0, 1);
        PublishedMessage message = new PublishedMessage();
        message.set(from, args, new byte[] {'x'}, 0);
        return router.route(message, new PublisherState(from));
    }

    @Test
    void aRemoteGetsOneForwardPerMessageWithItsQueueGroups() {
        RecordingRemote remote = new RecordingRemote();
        router.subscribe(sub(remote, "a.>", null));
        router.subscribe(sub(remote, "a.b", null));
        router.subscribe(sub(remote, "a.b", "g1"));
        router.subscribe(sub(remote, "a.*", "g2"));

        assertThat(publish(new CountingSink(), "a.b")).isPositive();

        assertThat(remote.forwards).containsExactly("true|g1,g2");
    }

    @Test
    void localQueueMembersComeFirst() {
        RecordingRemote remote = new RecordingRemote();
        CountingSink local = new CountingSink();
        router.subscribe(sub(remote, "work", "g"));
        Subscription localMember = sub(local, "work", "g");
        router.subscribe(localMember);

        for (int i = 0; i < 20; i++) {
            publish(new CountingSink(), "work");
        }
        assertThat(local.delivered).isEqualTo(20);
        assertThat(remote.forwards).isEmpty();

        router.unsubscribe(localMember);
        publish(new CountingSink(), "work");
        assertThat(remote.forwards).containsExactly("false|g");
    }

    @Test
    void nothingGoesBackToTheLinkItCameFrom() {
        RecordingRemote remote = new RecordingRemote();
        router.subscribe(sub(remote, "echo", null));

        assertThat(publish(remote, "echo")).isZero();
        assertThat(remote.forwards).isEmpty();
    }

    @Test
    void aLinksMessageReachesOnlyTheQueueGroupsItNames() {
        RecordingRemote link = new RecordingRemote();
        RecordingRemote otherLink = new RecordingRemote();
        CountingSink plain = new CountingSink();
        CountingSink named = new CountingSink();
        CountingSink unnamed = new CountingSink();
        router.subscribe(sub(plain, "m", null));
        router.subscribe(sub(named, "m", "named"));
        router.subscribe(sub(unnamed, "m", "unnamed"));
        router.subscribe(sub(otherLink, "m", null));
        PublishArgs args = new PublishArgs();
        args.compose("m", null, 0, 1);
        PublishedMessage message = new PublishedMessage();
        message.set(link, args, new byte[] {'x'}, 0);

        int delivered = router.routeFromRemote(message, new PublisherState(link), List.of("named"));

        assertThat(delivered).isEqualTo(3);
        assertThat(plain.delivered).isEqualTo(1);
        assertThat(named.delivered).isEqualTo(1);
        assertThat(unnamed.delivered).isZero();
        assertThat(otherLink.forwards).containsExactly("true|"); // passed on: hub between two spokes
        assertThat(link.forwards).isEmpty();
    }

    @Test
    void aNamedGroupWithNoLocalMemberGoesToAnotherLinkNeverBack() {
        RecordingRemote link = new RecordingRemote();
        RecordingRemote otherLink = new RecordingRemote();
        router.subscribe(sub(link, "q", "g"));
        router.subscribe(sub(otherLink, "q", "g"));

        for (int i = 0; i < 10; i++) {
            router.routeFromRemote(fromLink(link, "q"), new PublisherState(link), List.of("g"));
        }
        router.routeFromRemote(fromLink(link, "q"), new PublisherState(link), List.of());

        assertThat(otherLink.forwards).hasSize(10).containsOnly("false|g");
        assertThat(link.forwards).isEmpty();
    }

    @Test
    void aLinkThatSaysItIsTheOriginGetsNothing() {
        RecordingRemote link = new RecordingRemote();
        RecordingRemote sameCluster = new RecordingRemote() {
            @Override
            public boolean isOriginOf(MessageSink from) {
                return from == link || from == this;
            }
        };
        router.subscribe(sub(sameCluster, "c", null));
        router.subscribe(sub(sameCluster, "c", "g"));

        router.routeFromRemote(fromLink(link, "c"), new PublisherState(link), List.of("g"));

        assertThat(sameCluster.forwards).isEmpty();
    }

    @Test
    void remoteQueueCandidatesAreChosenByWeight() {
        RecordingRemote heavy = new RecordingRemote();
        RecordingRemote light = new RecordingRemote();
        Subscription heavyMember = sub(heavy, "w", "g");
        heavyMember.queueWeight(9);
        router.subscribe(heavyMember);
        router.subscribe(sub(light, "w", "g"));

        for (int i = 0; i < 2000; i++) {
            publish(new CountingSink(), "w");
        }

        assertThat(heavy.forwards.size() + light.forwards.size()).isEqualTo(2000);
        // 9 to 1: 1800 expected for the heavy one; 4 standard deviations is about 54.
        assertThat(heavy.forwards.size()).isBetween(1700, 1900);

        router.index().reweigh(heavyMember, 1);
        heavy.forwards.clear();
        light.forwards.clear();
        for (int i = 0; i < 2000; i++) {
            publish(new CountingSink(), "w");
        }
        assertThat(heavy.forwards.size()).isBetween(850, 1150);
    }

    private static PublishedMessage fromLink(MessageSink link, String subject) {
        PublishArgs args = new PublishArgs();
        args.compose(subject, null, 0, 1);
        PublishedMessage message = new PublishedMessage();
        message.set(link, args, new byte[] {'x'}, 0);
        return message;
    }
}
