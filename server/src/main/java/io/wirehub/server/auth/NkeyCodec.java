package io.wirehub.server.auth;

import java.util.Arrays;

/**
 * The nkey text form (github.com/nats-io/nkeys): a prefix byte saying what the key is, the 32-byte
 * key, a CRC-16 of both, all in RFC 4648 base32 without padding. {@code U...} is a user's public
 * key, {@code N...} a server's.
 */
public final class NkeyCodec {
    /** Prefix byte of a user public key: encodes to a leading 'U'. */
    public static final int USER = 20 << 3;
    /** Prefix byte of a server public key: encodes to a leading 'N'. */
    public static final int SERVER = 13 << 3;
    /** Prefix byte of an operator public key: encodes to a leading 'O'. */
    public static final int OPERATOR = 14 << 3;
    /** Prefix byte of an account public key: encodes to a leading 'A'. */
    public static final int ACCOUNT = 0;
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private NkeyCodec() {
    }

    /** The text form of a 32-byte key with the given prefix. */
    public static String encode(int prefix, byte[] key) {
        byte[] raw = new byte[1 + key.length + 2];
        raw[0] = (byte) prefix;
        System.arraycopy(key, 0, raw, 1, key.length);
        int crc = crc16(raw, raw.length - 2);
        raw[raw.length - 2] = (byte) crc;
        raw[raw.length - 1] = (byte) (crc >>> 8);
        return base32(raw);
    }

    /**
     * The 32-byte key of a text nkey with the expected prefix.
     *
     * @throws IllegalArgumentException when the text is not such a key (bad characters, length,
     *                                  prefix or checksum)
     */
    public static byte[] decode(int expectedPrefix, String text) {
        byte[] raw = unbase32(text);
        if (raw.length != 35) {
            throw new IllegalArgumentException("an nkey is 56 characters");
        }
        int crc = (raw[33] & 0xff) | (raw[34] & 0xff) << 8;
        if (crc != crc16(raw, 33)) {
            throw new IllegalArgumentException("nkey checksum does not match");
        }
        if ((raw[0] & 0xff) != expectedPrefix) {
            throw new IllegalArgumentException("not the expected kind of nkey");
        }
        return Arrays.copyOfRange(raw, 1, 33);
    }

    /**
     * The prefix byte a public key's first letter announces ('O', 'A', 'U', 'N'), or -1 for any
     * other text.
     */
    public static int prefixOf(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        return switch (text.charAt(0)) {
            case 'O' -> OPERATOR;
            case 'A' -> ACCOUNT;
            case 'U' -> USER;
            case 'N' -> SERVER;
            default -> -1;
        };
    }

    /** Whether the text is a valid public key of the given kind. */
    public static boolean isPublicKey(int prefix, String text) {
        try {
            decode(prefix, text);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** CRC-16/XMODEM (polynomial 0x1021), the checksum nkeys use. */
    static int crc16(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= (data[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }

    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    static byte[] unbase32(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (value < 0) {
                throw new IllegalArgumentException("an nkey holds only A-Z and 2-7");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return Arrays.copyOf(out, index);
    }
}
