package io.wirehub.server.connection;

import io.wirehub.server.protocol.OpHandler;
import io.wirehub.server.protocol.ProtocolError;
import io.wirehub.server.protocol.ProtocolParser;
import io.wirehub.server.protocol.ProtocolViolation;
import io.wirehub.server.protocol.PublishArgs;
import io.wirehub.server.protocol.WireEncoder;
import io.wirehub.server.routing.InternalPublisher;
import io.wirehub.server.subject.ReservedSubjects;
import io.wirehub.server.subject.Subjects;
import io.wirehub.server.transport.datagram.DatagramHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publishes what UDP datagrams carry, as an internal client of the server: each datagram holds
 * one or more PUB/HPUB ops in the normal wire format, and PING (answered with PONG to the sender,
 * an RTT probe). A datagram is taken whole or not at all: it is checked completely first (every op
 * whole and well formed, every subject one UDP may publish to), and only then routed, so a
 * datagram with one bad op publishes nothing. Dropped datagrams are never answered: an answer
 * would let a forged source address aim traffic at a third party.
 *
 * <p>Confined to the UDP listener's thread.
 */
public final class DatagramPublisher implements DatagramHandler {
    static final String TRANSPORT = "udp";

    private final ConnectionServices services;
    /** Subject patterns UDP may publish to; empty for any. */
    private final List<String> allowed;
    private final Checker checker = new Checker();
    private final Publisher publisher = new Publisher();
    private final InternalPublisher internal;
    /** Replaced after a datagram that left it mid-op or broken. */
    private ProtocolParser checkingParser;
    private final ProtocolParser routingParser;

    public DatagramPublisher(ConnectionServices services, List<String> allowed) {
        this.services = services;
        this.allowed = List.copyOf(allowed);
        this.internal = new InternalPublisher(services.accounts().global().router(), services.stats(), services.observability(),
                TRANSPORT);
        this.checkingParser = newParser(checker);
        this.routingParser = newParser(publisher);
    }

    private ProtocolParser newParser(OpHandler handler) {
        ProtocolParser parser = new ProtocolParser(handler, services.config().maxControlLine(),
                services.config().maxPayload());
        parser.headersEnabled(!services.config().noHeaderSupport());
        return parser;
    }

    @Override
    public Outcome handle(InetSocketAddress source, byte[] data, int length, Replies replies) {
        checker.reset();
        try {
            checkingParser.parse(data, 0, length);
        } catch (ProtocolViolation e) {
            checkingParser = newParser(checker);
            return Outcome.MALFORMED;
        }
        if (!checkingParser.isIdle()) {
            checkingParser = newParser(checker);
            return Outcome.MALFORMED;
        }
        if (checker.refused) {
            return Outcome.REFUSED;
        }
        if (checker.ops == 0) {
            return Outcome.MALFORMED;
        }
        publisher.begin(replies);
        try {
            routingParser.parse(data, 0, length);
        } catch (ProtocolViolation e) {
            // Cannot happen after the check passed; treated as malformed all the same.
            return Outcome.MALFORMED;
        } finally {
            publisher.end();
        }
        return Outcome.ACCEPTED;
    }

    /** Ops UDP does not carry: a client session's ops make no sense in a datagram. */
    private abstract static class DatagramOps implements OpHandler {
        @Override
        public void onConnect(byte[] buf, int offset, int length) throws ProtocolViolation {
            throw notCarried("CONNECT");
        }

        @Override
        public void onSubscribe(byte[] line, int subjectOffset, int subjectLength, int queueOffset, int queueLength,
                                int sidOffset, int sidLength) throws ProtocolViolation {
            throw notCarried("SUB");
        }

        @Override
        public void onUnsubscribe(byte[] line, int sidOffset, int sidLength, long maxMessages)
                throws ProtocolViolation {
            throw notCarried("UNSUB");
        }

        @Override
        public void onPong() throws ProtocolViolation {
            throw notCarried("PONG");
        }

        @Override
        public void onInfo(byte[] buf, int offset, int length) throws ProtocolViolation {
            throw notCarried("INFO");
        }

        @Override
        public void onClientError(byte[] buf, int offset, int length) throws ProtocolViolation {
            throw notCarried("-ERR");
        }

        private static ProtocolViolation notCarried(String op) {
            return new ProtocolViolation(ProtocolError.UNKNOWN_OPERATION, op + " is not carried over UDP");
        }
    }

    /** First pass: is every op whole, well formed and allowed? */
    private final class Checker extends DatagramOps {
        int ops;
        boolean refused;

        void reset() {
            ops = 0;
            refused = false;
        }

        @Override
        public void onPublish(PublishArgs args, byte[] data, int dataOffset) {
            ops++;
            byte[] line = args.line();
            String subject = new String(line, args.subjectOffset(), args.subjectLength(), StandardCharsets.ISO_8859_1);
            if (!Subjects.isValidLiteralSubject(subject)
                    || ReservedSubjects.isGatewayRouted(line, args.subjectOffset(), args.subjectLength())
                    || (args.replyLength() > 0
                        && ReservedSubjects.isReservedReply(line, args.replyOffset(), args.replyLength()))
                    || !permitted(subject)) {
                refused = true;
            }
        }

        @Override
        public void onPing() {
            ops++;
        }
    }

    private boolean permitted(String subject) {
        if (allowed.isEmpty()) {
            return true;
        }
        for (String pattern : allowed) {
            if (Subjects.matchesLiteral(subject, pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Second pass: route each message, answer each PING. */
    private final class Publisher extends DatagramOps {
        private Replies replies;

        void begin(Replies to) {
            replies = to;
        }

        @Override
        public void onPublish(PublishArgs args, byte[] data, int dataOffset) {
            internal.route(args, data, dataOffset);
        }

        @Override
        public void onPing() {
            replies.send(WireEncoder.PONG);
        }

        void end() {
            internal.flush();
            replies = null;
        }
    }
}
