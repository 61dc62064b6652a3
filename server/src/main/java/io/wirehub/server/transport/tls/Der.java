package io.wirehub.server.transport.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The few DER (ASN.1) pieces needed to turn PKCS#1 and SEC1 private keys into PKCS#8, which the
 * JDK reads: reading a SEQUENCE's elements, writing SEQUENCE, INTEGER, OID, NULL, OCTET STRING.
 * Nothing more: certificates and PKCS#8 itself are the JDK's.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** [0] EXPLICIT, constructed: where SEC1 keeps the curve. */
    static final int CONTEXT_0 = 0xA0;

    /** One element: its tag and its content octets. */
    record Element(int tag, byte[] content) {
    }

    private Der() {
    }

    /** The elements of a SEQUENCE's content (or any concatenation of elements). */
    static List<Element> elements(byte[] der) {
        List<Element> elements = new ArrayList<>();
        int i = 0;
        while (i < der.length) {
            int tag = der[i++] & 0xFF;
            if (i >= der.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int length = der[i++] & 0xFF;
            if (length >= 0x80) {
                int octets = length & 0x7F;
                if (octets == 0 || octets > 4 || i + octets > der.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int k = 0; k < octets; k++) {
                    length = (length << 8) | (der[i++] & 0xFF);
                }
                if (length < 0) {
                    throw new IllegalArgumentException("bad DER length");
                }
            }
            if (length > der.length - i) {
                throw new IllegalArgumentException("truncated DER");
            }
            byte[] content = new byte[length];
            System.arraycopy(der, i, content, 0, length);
            elements.add(new Element(tag, content));
            i += length;
        }
        return elements;
    }

    /** The content of the single SEQUENCE {@code der} holds. */
    static List<Element> sequence(byte[] der) {
        List<Element> outer = elements(der);
        if (outer.size() != 1 || outer.get(0).tag() != SEQUENCE) {
            throw new IllegalArgumentException("not a DER SEQUENCE");
        }
        return elements(outer.get(0).content());
    }

    static byte[] encode(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... encodedElements) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] element : encodedElements) {
            content.writeBytes(element);
        }
        return encode(SEQUENCE, content.toByteArray());
    }

    static byte[] integer(int value) {
        return encode(INTEGER, new byte[] {(byte) value});
    }

    static byte[] nullValue() {
        return encode(NULL, new byte[0]);
    }

    /** An OID from its content octets (as read from another structure). */
    static byte[] oid(byte[] content) {
        return encode(OID, content);
    }

    /** An OID from its dotted form; arcs below 2^28 are enough for key algorithms. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            byte[] base128 = new byte[10];
            int n = 0;
            do {
                base128[n++] = (byte) (arc & 0x7F);
                arc >>>= 7;
            } while (arc > 0);
            for (int k = n - 1; k >= 0; k--) {
                content.write(base128[k] | (k > 0 ? 0x80 : 0));
            }
        }
        return encode(OID, content.toByteArray());
    }

    static byte[] octetString(byte[] content) {
        return encode(OCTET_STRING, content);
    }
}
