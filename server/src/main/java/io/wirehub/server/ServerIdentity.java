package io.wirehub.server;

import java.util.SplittableRandom;

/**
 * A server id in nats-server's shape: a server nkey (prefix {@code N}, 56 base32 characters with
 * a CRC-16 check), which some tools validate. Random per start. It names the server and guards
 * nothing, so a fast non-cryptographic generator does (SecureRandom costs tens of milliseconds
 * to seed, and embedded servers must start in a few).
 */
final class ServerIdentity {
    /** nkeys' prefix byte for servers: 13 << 3, which base32-encodes to a leading 'N'. */
    private static final int SERVER_PREFIX = 13 << 3;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ServerIdentity() {
    }

    static String newServerId() {
        byte[] key = new byte[32];
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) random.nextInt(256);
        }
        byte[] raw = new byte[1 + key.length + 2];
        raw[0] = (byte) SERVER_PREFIX;
        System.arraycopy(key, 0, raw, 1, key.length);
        int crc = crc16(raw, raw.length - 2);
        raw[raw.length - 2] = (byte) crc;
        raw[raw.length - 1] = (byte) (crc >>> 8);
        return base32(raw);
    }

    /** CRC-16/XMODEM (polynomial 0x1021), the checksum nkeys use, stored little-endian. */
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

    /** RFC 4648 base32 without padding. */
    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
