package io.wirehub.server.protocol;

import java.nio.charset.StandardCharsets;

/** The operations a client may send, with what may follow each name. */
enum Op {
    CONNECT("CONNECT", After.SPACE_OPTIONAL),
    PUB("PUB", After.SPACE_REQUIRED),
    HPUB("HPUB", After.SPACE_REQUIRED),
    SUB("SUB", After.SPACE_REQUIRED),
    UNSUB("UNSUB", After.SPACE_REQUIRED),
    PING("PING", After.IGNORE_REST),
    PONG("PONG", After.IGNORE_REST),
    INFO("INFO", After.SPACE_OPTIONAL),
    OK("+OK", After.IGNORE_REST),
    ERR("-ERR", After.SPACE_REQUIRED),
    /** A leading P: PUB, PING or PONG, decided by the second letter. */
    P_ANY("P", After.SPACE_REQUIRED);

    enum After {
        /** PUB, SUB...: a space or tab must follow the name. */
        SPACE_REQUIRED,
        /** CONNECT and INFO: the JSON may follow the name directly ({@code CONNECT{...}}). */
        SPACE_OPTIONAL,
        /** PING, PONG, +OK: whatever follows, up to the LF, is ignored. */
        IGNORE_REST
    }

    /** Upper-case ASCII bytes of the name. */
    final byte[] name;
    final After after;

    Op(String name, After after) {
        this.name = name.getBytes(StandardCharsets.US_ASCII);
        this.after = after;
    }

    /** The op a first byte starts, or null for none (nats-server: Unknown Protocol Operation). */
    static Op forFirstByte(byte b) {
        return switch (b) {
            case 'C', 'c' -> CONNECT;
            case 'P', 'p' -> P_ANY;
            case 'H', 'h' -> HPUB;
            case 'S', 's' -> SUB;
            case 'U', 'u' -> UNSUB;
            case 'I', 'i' -> INFO;
            case '+' -> OK;
            case '-' -> ERR;
            default -> null;
        };
    }

    /** After a P, the upper-cased second byte decides between PUB, PING and PONG. */
    static Op forSecondByteAfterP(byte upper) {
        return switch (upper) {
            case 'U' -> PUB;
            case 'I' -> PING;
            case 'O' -> PONG;
            default -> null;
        };
    }
}
