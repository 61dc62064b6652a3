package io.wirehub.server.it.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wirehub.server.Wirehub;
import io.wirehub.testkit.internal.NatsServerProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a hub passes between two spokes, byte for byte, with nats-server 2.9.10 and then Wirehub
 * as the hub and two raw spokes: none of A's interest comes back to A, and A's LMSGs reach B
 * with the queue groups named as nats-server passes them. A's interest reaches B as 2.10's
 * source has it (updateLeafNodes/updateSmap: plain on 0 to 1 and 1 to 0, a queue's weight as A
 * announced it, the other spoke's {@code $LDS} subject); 2.9.10 differs there, see below.
 */
class LeafHubRelayWireTest {

    @Test
    void interestAndMessagesBetweenTwoSpokesAsOnNatsServer() throws Exception {
        assumeTrue(NatsServerProcess.available(), "nats-server is not installed");
        Transcript theirs = transcript(true);
        Transcript ours = transcript(false);
        // 2.9.10 counts a new remote queue subscription as 1 and an LS- as -1 whatever the weight,
        // and passes no LS- for a plain subject on: it sends LS+ q g 1, LS+ q g 3, LS+ q g 2 and
        // never LS- foo. 2.10 (processLeafSub: delta = qw; processLeafUnsub: -qw, then
        // updateLeafNodes) sends what Wirehub sends; only the lines both agree on are compared.
        assertThat(theirs.atB).startsWith("LS+ $LDS.spokeAloop", "LS+ foo").endsWith("LS+ done")
                .containsOnlyOnce("LS+ foo");
        assertThat(ours.atB.subList(0, 2)).isEqualTo(theirs.atB.subList(0, 2));
        assertThat(ours.backAtA).isEqualTo(theirs.backAtA).isEmpty();
        assertThat(ours.messagesAtB).isEqualTo(theirs.messagesAtB);
        assertThat(ours.atB).containsExactly("LS+ $LDS.spokeAloop", "LS+ foo", "LS+ q g 3", "LS+ q g 5",
                "LS- foo", "LS- q g", "LS+ done");
        assertThat(ours.messagesAtB).containsExactly("LMSG m 2", "hi", "LMSG m rep 2", "re", "LMSG w | grp 2", "yo",
                "LMSG end 0", "");
    }

    private record Transcript(List<String> atB, List<String> backAtA, List<String> messagesAtB) {
    }

    private static Transcript transcript(boolean natsServer) throws Exception {
        int leafPort = LeafHubFixture.freePort();
        String text = "leafnodes { listen: \"127.0.0.1:" + leafPort + "\" }\n";
        NatsServerProcess theirs = natsServer ? NatsServerProcess.start(text) : null;
        Wirehub ours = natsServer ? null : LeafHubFixture.startWirehub(text);
        try (RawSpoke a = new RawSpoke(leafPort); RawSpoke b = new RawSpoke(leafPort)) {
            join(a, "A");
            join(b, "B");

            a.send("LS+ $LDS.spokeAloop");
            a.send("LS+ foo");
            a.send("LS+ foo"); // a repeat: nothing new for B
            a.send("LS+ q g 3");
            a.send("LS+ q g 5");
            a.send("LS- foo");
            a.send("LS- q g");
            a.send("LS+ done");
            List<String> atB = interestUntil(b, "LS+ done");

            // A heard nothing of its own back: a PING's PONG comes before anything still queued.
            a.send("PING");
            List<String> backAtA = new ArrayList<>();
            for (String line = a.next("LS+", "LS-", "PONG"); !"PONG".equals(line); line = a.next("LS+", "LS-", "PONG")) {
                if (relevant(line)) {
                    backAtA.add(line);
                }
            }

            b.send("LS+ m");
            b.send("LS+ w grp 2");
            b.send("LS+ end");
            interestUntil(a, "LS+ end");
            a.send("LMSG m 2");
            a.send("hi");
            a.send("LMSG m rep 2");
            a.send("re");
            a.send("LMSG w 2"); // no queue named: B's only interest in w is its group, so nothing
            a.send("no");
            a.send("LMSG w | grp 2");
            a.send("yo");
            a.send("LMSG nobody 2");
            a.send("xx");
            a.send("LMSG end 0");
            a.send("");
            List<String> messagesAtB = new ArrayList<>();
            for (String line = b.next("LMSG", "HMSG"); line != null; line = b.next("LMSG", "HMSG")) {
                messagesAtB.add(line);
                messagesAtB.add(b.next(""));
                if (line.startsWith("LMSG end")) {
                    break;
                }
            }
            return new Transcript(atB, backAtA, messagesAtB);
        } finally {
            if (theirs != null) {
                theirs.close();
            }
            if (ours != null) {
                ours.close();
            }
        }
    }

    private static void join(RawSpoke spoke, String name) throws IOException {
        spoke.send("CONNECT {\"name\":\"" + name + "\",\"cluster\":\"" + name + "\",\"headers\":true}");
        spoke.next("INFO");
        // The hub's own interest ($LDS, system services) comes before its PING: skip up to it.
        spoke.send("PING");
        spoke.next("PONG");
    }

    /** The LS+/LS- lines about the test's subjects, up to and including {@code last}. */
    private static List<String> interestUntil(RawSpoke spoke, String last) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line = spoke.next("LS+", "LS-"); line != null; line = spoke.next("LS+", "LS-")) {
            if (relevant(line)) {
                seen.add(line);
            }
            if (line.equals(last)) {
                break;
            }
        }
        return seen;
    }

    /** Leaves out each hub's own $LDS and system-service interest, which differ by server. */
    private static boolean relevant(String line) {
        String subject = line.substring(4).split(" ")[0];
        return !subject.startsWith("$SYS.") && (!subject.startsWith("$LDS.") || subject.equals("$LDS.spokeAloop"));
    }
}
