package io.wirehub.client.files;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * AES-256-GCM for one relay session, with one key per direction derived by HKDF-SHA256 from the
 * confirmed J-PAKE secret (salted with the session id). A nonce is (slot, counter): slot 0 holds
 * control messages (counter = message kind), slot f+1 holds file f's chunks (counter = chunk
 * index). Within a direction's key each (slot, counter) names one plaintext, so a nonce is reused
 * only for the very same message resent, which GCM tolerates (identical ciphertext). The
 * associated data binds a chunk to its index and its file's path, size and digest, so a chunk
 * replayed at another index, in another file or another session fails its tag.
 *
 * <p>Immutable; a {@link Cipher} is made per call, so any thread may use it.
 */
final class RelaySeal {
    static final long MANIFEST = 0;
    static final long DONE = 1;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec outgoing;
    private final SecretKeySpec incoming;

    private RelaySeal(byte[] outgoing, byte[] incoming) {
        this.outgoing = new SecretKeySpec(outgoing, "AES");
        this.incoming = new SecretKeySpec(incoming, "AES");
    }

    /** The seal for one side: it encrypts with its own direction's key and decrypts the other's. */
    static RelaySeal derive(byte[] secret, String session, boolean sender) {
        byte[] toReceiver = hkdf(secret, session, "wirehub-relay/1 sender to receiver");
        byte[] toSender = hkdf(secret, session, "wirehub-relay/1 receiver to sender");
        return sender ? new RelaySeal(toReceiver, toSender) : new RelaySeal(toSender, toReceiver);
    }

    byte[] seal(int slot, long counter, byte[] plaintext, byte[] associated) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, outgoing, slot, counter, associated).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** @throws FileTransferException when the tag does not verify: tampered, replayed or another key */
    byte[] open(int slot, long counter, byte[] sealed, byte[] associated, String what) throws FileTransferException {
        try {
            return cipher(Cipher.DECRYPT_MODE, incoming, slot, counter, associated).doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new FileTransferException(what + " failed authentication: tampered with, replayed or not from the peer");
        } catch (GeneralSecurityException e) {
            throw new FileTransferException(what + " cannot be decrypted: " + e.getMessage(), e);
        }
    }

    /** The associated data of one chunk. */
    static byte[] chunkData(int file, long index, RelayManifest.Entry entry) {
        return ("chunk|" + file + "|" + index + "|" + entry.path() + "|" + entry.size() + "|" + entry.sha256())
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] controlData(String kind, String session) {
        return (kind + "|" + session).getBytes(StandardCharsets.UTF_8);
    }

    private static Cipher cipher(int mode, SecretKeySpec key, int slot, long counter, byte[] associated)
            throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).putInt(slot).putLong(counter).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associated);
        return cipher;
    }

    private static byte[] hkdf(byte[] secret, String session, String info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, session.getBytes(StandardCharsets.UTF_8),
                info.getBytes(StandardCharsets.UTF_8)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }
}
