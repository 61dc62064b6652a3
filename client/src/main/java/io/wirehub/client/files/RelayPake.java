package io.wirehub.client.files;

import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.agreement.jpake.JPAKEParticipant;
import org.bouncycastle.crypto.agreement.jpake.JPAKEPrimeOrderGroups;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound1Payload;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound2Payload;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound3Payload;

/**
 * One side of the J-PAKE exchange (BouncyCastle) that turns a relay code into a shared key. An
 * observer of all three rounds, or the server, learns nothing it could test code guesses against
 * offline; an active attacker gets one guess per exchange, which round 3 (key confirmation) turns
 * into a failure both sides see. Payloads travel as JSON with hex numbers.
 *
 * <p>Not thread-safe: one exchange, driven by one thread at a time, in round order.
 */
final class RelayPake {
    static final String SENDER = "wirehub-sender";
    static final String RECEIVER = "wirehub-receiver";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JPAKEParticipant participant;
    private BigInteger keyingMaterial;
    /** Made once: BouncyCastle refuses to make it after the peer's round 3 is validated. */
    private byte[] round3;

    RelayPake(String role, String code) {
        participant = new JPAKEParticipant(role, code.toCharArray(), JPAKEPrimeOrderGroups.NIST_3072,
                new SHA256Digest(), RANDOM);
    }

    byte[] round1() {
        JPAKERound1Payload p = participant.createRound1PayloadToSend();
        Map<String, JsonValue> json = new LinkedHashMap<>();
        json.put("id", new JsonValue(p.getParticipantId()));
        json.put("gx1", hex(p.getGx1()));
        json.put("gx2", hex(p.getGx2()));
        json.put("zkp1", hexes(p.getKnowledgeProofForX1()));
        json.put("zkp2", hexes(p.getKnowledgeProofForX2()));
        return bytes(json);
    }

    void acceptRound1(byte[] data) throws FileTransferException {
        JsonValue json = Requests.parse(data);
        try {
            participant.validateRound1PayloadReceived(new JPAKERound1Payload(string(json, "id"), number(json, "gx1"),
                    number(json, "gx2"), numbers(json, "zkp1"), numbers(json, "zkp2")));
        } catch (CryptoException | RuntimeException e) {
            throw new FileTransferException("the key exchange failed (round 1): " + e.getMessage(), e);
        }
    }

    byte[] round2() {
        JPAKERound2Payload p = participant.createRound2PayloadToSend();
        Map<String, JsonValue> json = new LinkedHashMap<>();
        json.put("id", new JsonValue(p.getParticipantId()));
        json.put("a", hex(p.getA()));
        json.put("zkp", hexes(p.getKnowledgeProofForX2s()));
        return bytes(json);
    }

    /** Validates the peer's round 2 and computes the keying material (not yet confirmed). */
    void acceptRound2(byte[] data) throws FileTransferException {
        JsonValue json = Requests.parse(data);
        try {
            participant.validateRound2PayloadReceived(
                    new JPAKERound2Payload(string(json, "id"), number(json, "a"), numbers(json, "zkp")));
            keyingMaterial = participant.calculateKeyingMaterial();
        } catch (CryptoException | RuntimeException e) {
            throw new FileTransferException("the key exchange failed (round 2): " + e.getMessage(), e);
        }
    }

    /** The responder's round 2: its own payload is made first, as BouncyCastle's order requires. */
    byte[] round2AndAccept(byte[] data) throws FileTransferException {
        byte[] mine = round2();
        acceptRound2(data);
        return mine;
    }

    /** Key confirmation: a MAC only a peer that used the same code can check. */
    byte[] round3() {
        if (round3 != null) {
            return round3;
        }
        JPAKERound3Payload p = participant.createRound3PayloadToSend(keyingMaterial);
        Map<String, JsonValue> json = new LinkedHashMap<>();
        json.put("id", new JsonValue(p.getParticipantId()));
        json.put("mac", hex(p.getMacTag()));
        round3 = bytes(json);
        return round3;
    }

    /** @return false when the peer used another code (or is not the peer it claims) */
    boolean acceptRound3(byte[] data) throws FileTransferException {
        JsonValue json = Requests.parse(data);
        round3();
        try {
            participant.validateRound3PayloadReceived(
                    new JPAKERound3Payload(string(json, "id"), number(json, "mac")), keyingMaterial);
            return true;
        } catch (CryptoException e) {
            return false;
        } catch (RuntimeException e) {
            throw new FileTransferException("the key exchange failed (round 3): " + e.getMessage(), e);
        }
    }

    /** The confirmed keying material; only after {@link #acceptRound3}. */
    byte[] secret() {
        return keyingMaterial.toByteArray();
    }

    private static JsonValue hex(BigInteger value) {
        return new JsonValue(value.toString(16));
    }

    private static JsonValue hexes(BigInteger[] values) {
        List<JsonValue> list = new ArrayList<>();
        for (BigInteger value : values) {
            list.add(hex(value));
        }
        return new JsonValue(list);
    }

    private static byte[] bytes(Map<String, JsonValue> json) {
        return new JsonValue(json).toJson().getBytes(StandardCharsets.UTF_8);
    }

    private static String string(JsonValue json, String field) throws FileTransferException {
        String value = JsonValueUtils.readString(json, field);
        if (value == null) {
            throw new FileTransferException("the key exchange message lacks \"" + field + "\"");
        }
        return value;
    }

    private static BigInteger number(JsonValue json, String field) throws FileTransferException {
        try {
            return new BigInteger(string(json, field), 16);
        } catch (NumberFormatException e) {
            throw new FileTransferException("the key exchange message has a bad \"" + field + "\"");
        }
    }

    private static BigInteger[] numbers(JsonValue json, String field) throws FileTransferException {
        JsonValue array = json.map == null ? null : json.map.get(field);
        if (array == null || array.array == null) {
            throw new FileTransferException("the key exchange message lacks \"" + field + "\"");
        }
        BigInteger[] values = new BigInteger[array.array.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = new BigInteger(array.array.get(i).string, 16);
            } catch (RuntimeException e) {
                throw new FileTransferException("the key exchange message has a bad \"" + field + "\"");
            }
        }
        return values;
    }
}
