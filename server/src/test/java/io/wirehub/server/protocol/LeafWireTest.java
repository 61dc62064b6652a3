package io.wirehub.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leaf ops' text, as nats-server writes and reads it (leafnode.go, parser.go). */
class LeafWireTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesInterestLines() {
        assertThat(text(LeafWire.subscribe("foo.*", null, 0))).isEqualTo("LS+ foo.*\r\n");
        assertThat(text(LeafWire.subscribe("q", "qg", 2))).isEqualTo("LS+ q qg 2\r\n");
        assertThat(text(LeafWire.unsubscribe("foo.*", null))).isEqualTo("LS- foo.*\r\n");
        assertThat(text(LeafWire.unsubscribe("q", "qg"))).isEqualTo("LS- q qg\r\n");
    }

    @Test
    void writesMessageLinesInEveryForm() {
        assertThat(text(LeafWire.messageLine("foo", null, List.of(), -1, 2))).isEqualTo("LMSG foo 2\r\n");
        assertThat(text(LeafWire.messageLine("foo", "rep", List.of(), -1, 2))).isEqualTo("LMSG foo rep 2\r\n");
        assertThat(text(LeafWire.messageLine("foo", "rep", List.of("a", "b"), -1, 2)))
                .isEqualTo("LMSG foo + rep a b 2\r\n");
        assertThat(text(LeafWire.messageLine("foo", null, List.of("a"), -1, 2))).isEqualTo("LMSG foo | a 2\r\n");
        assertThat(text(LeafWire.messageLine("foo", null, List.of(), 12, 14))).isEqualTo("HMSG foo 12 14\r\n");
        assertThat(text(LeafWire.messageLine("foo", "r", List.of("g"), 12, 14))).isEqualTo("HMSG foo + r g 12 14\r\n");
    }

    @Test
    void writesMessageLinesInPlaceAsMessageLineDoes() {
        byte[] source = "PUB foo.bar _INBOX.r1 7\r\n".getBytes(StandardCharsets.ISO_8859_1);
        List<List<String>> queueLists = List.of(List.of(), List.of("a"), List.of("a", "bb"));
        for (boolean withReply : new boolean[] {false, true}) {
            for (List<String> queues : queueLists) {
                for (int[] sizes : new int[][] {{-1, 0}, {-1, 7}, {0, 0}, {12, 14}, {9, 1_234_567_890}}) {
                    byte[] expected = LeafWire.messageLine("foo.bar", withReply ? "_INBOX.r1" : null, queues, sizes[0],
                            sizes[1]);
                    int bound = LeafWire.messageLineBound(7, withReply ? 9 : -1, queues);
                    byte[] target = new byte[3 + bound];
                    int end = LeafWire.writeMessageLine(target, 3, source, 4, 7, 12, withReply ? 9 : -1, queues,
                            sizes[0], sizes[1]);
                    assertThat(end - 3).isLessThanOrEqualTo(bound);
                    assertThat(text(java.util.Arrays.copyOfRange(target, 3, end))).isEqualTo(text(expected));
                }
            }
        }
    }

    @Test
    void readsInterestArguments() {
        assertThat(LeafWire.interest("foo", true)).isEqualTo(new LeafWire.Interest("foo", null, 0));
        assertThat(LeafWire.interest("foo  bar\t4", true)).isEqualTo(new LeafWire.Interest("foo", "bar", 4));
        assertThat(LeafWire.interest("foo bar", false)).isEqualTo(new LeafWire.Interest("foo", "bar", 0));
        assertThatThrownBy(() -> LeafWire.interest("foo bar", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeafWire.interest("foo bar x", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeafWire.interest("", false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsMessageArgumentsInEveryForm() {
        assertThat(LeafWire.message("foo 2", false)).isEqualTo(new LeafWire.MessageArgs("foo", null, List.of(), -1, 2));
        assertThat(LeafWire.message("foo rep 2", false))
                .isEqualTo(new LeafWire.MessageArgs("foo", "rep", List.of(), -1, 2));
        assertThat(LeafWire.message("foo + rep a b 2", false))
                .isEqualTo(new LeafWire.MessageArgs("foo", "rep", List.of("a", "b"), -1, 2));
        assertThat(LeafWire.message("foo | a 2", false))
                .isEqualTo(new LeafWire.MessageArgs("foo", null, List.of("a"), -1, 2));
        assertThat(LeafWire.message("foo 12 14", true))
                .isEqualTo(new LeafWire.MessageArgs("foo", null, List.of(), 12, 14));
        assertThat(LeafWire.message("foo | g 12 14", true))
                .isEqualTo(new LeafWire.MessageArgs("foo", null, List.of("g"), 12, 14));
    }

    @Test
    void refusesBrokenMessageArguments() {
        for (String bad : List.of("", "foo", "foo x", "foo a b 2", "foo + 2", "foo -1")) {
            assertThatThrownBy(() -> LeafWire.message(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> LeafWire.message("foo 20 10", true)).isInstanceOf(IllegalArgumentException.class);
    }
}
