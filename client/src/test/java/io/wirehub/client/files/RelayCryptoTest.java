package io.wirehub.client.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's crypto core on its own: J-PAKE from the code, HKDF keys, AES-GCM chunks, path checks. */
class RelayCryptoTest {
    private static final RelayManifest.Entry ENTRY = new RelayManifest.Entry("dir/a.txt", 5, "ab".repeat(32));

    /** Runs all three rounds; returns the two sides' results of key confirmation. */
    private static boolean[] exchange(RelayPake sender, RelayPake receiver) throws Exception {
        byte[] s1 = sender.round1();
        byte[] r1 = receiver.round1();
        sender.acceptRound1(r1);
        receiver.acceptRound1(s1);
        byte[] s2 = sender.round2();
        byte[] r2 = receiver.round2();
        sender.acceptRound2(r2);
        receiver.acceptRound2(s2);
        boolean senderConfirms = sender.acceptRound3(receiver.round3());
        boolean receiverConfirms = receiver.acceptRound3(sender.round3());
        return new boolean[] {senderConfirms, receiverConfirms};
    }

    @Test
    void theSameCodeGivesTheSameConfirmedSecretAndWorkingKeys() throws Exception {
        RelayPake sender = new RelayPake(RelayPake.SENDER, "0042-amber-falcon-river");
        RelayPake receiver = new RelayPake(RelayPake.RECEIVER, "0042-amber-falcon-river");
        assertThat(exchange(sender, receiver)).containsExactly(true, true);
        assertThat(sender.secret()).isEqualTo(receiver.secret());

        RelaySeal senderSeal = RelaySeal.derive(sender.secret(), "s1", true);
        RelaySeal receiverSeal = RelaySeal.derive(receiver.secret(), "s1", false);
        byte[] plain = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = senderSeal.seal(1, 7, plain, RelaySeal.chunkData(0, 7, ENTRY));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hello");
        assertThat(receiverSeal.open(1, 7, sealed, RelaySeal.chunkData(0, 7, ENTRY), "chunk")).isEqualTo(plain);
        // The other direction has its own key: a sender's message does not open as the receiver's.
        assertThatThrownBy(() -> senderSeal.open(1, 7, sealed, RelaySeal.chunkData(0, 7, ENTRY), "chunk"))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void aDifferentCodeFailsKeyConfirmationOnBothSides() throws Exception {
        RelayPake sender = new RelayPake(RelayPake.SENDER, "0042-amber-falcon-river");
        RelayPake receiver = new RelayPake(RelayPake.RECEIVER, "0042-amber-falcon-raven");
        assertThat(exchange(sender, receiver)).containsExactly(false, false);
    }

    @Test
    void aTamperedReplayedOrMisplacedChunkFailsItsTag() throws Exception {
        byte[] secret = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        RelaySeal out = RelaySeal.derive(secret, "s1", true);
        RelaySeal in = RelaySeal.derive(secret, "s1", false);
        byte[] sealed = out.seal(1, 3, new byte[100], RelaySeal.chunkData(0, 3, ENTRY));

        byte[] flipped = sealed.clone();
        flipped[10] ^= 1;
        assertThatThrownBy(() -> in.open(1, 3, flipped, RelaySeal.chunkData(0, 3, ENTRY), "chunk 3"))
                .hasMessageContaining("chunk 3 failed authentication");
        // Replayed as another index, another file's metadata, or into another session.
        assertThatThrownBy(() -> in.open(1, 4, sealed, RelaySeal.chunkData(0, 4, ENTRY), "chunk 4"))
                .isInstanceOf(FileTransferException.class);
        RelayManifest.Entry other = new RelayManifest.Entry("dir/b.txt", 5, ENTRY.sha256());
        assertThatThrownBy(() -> in.open(1, 3, sealed, RelaySeal.chunkData(0, 3, other), "chunk"))
                .isInstanceOf(FileTransferException.class);
        assertThatThrownBy(() -> RelaySeal.derive(secret, "s2", false).open(1, 3, sealed,
                RelaySeal.chunkData(0, 3, ENTRY), "chunk")).isInstanceOf(FileTransferException.class);
        assertThat(in.open(1, 3, sealed, RelaySeal.chunkData(0, 3, ENTRY), "chunk")).hasSize(100);
    }

    @Test
    void unsafePathsAreRefusedAndSafeOnesKept() throws Exception {
        for (String bad : List.of("/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "C:/x", "a\\b", "con",
                "dir/NUL.txt", "a/b.", "", "x\ny")) {
            assertThatThrownBy(() -> RelayManifest.checkPath(bad)).as(bad).isInstanceOf(FileTransferException.class);
        }
        assertThat(RelayManifest.checkPath("dir/sub/.config/a b.txt")).isEqualTo("dir/sub/.config/a b.txt");
        RelayManifest manifest = new RelayManifest(List.of(ENTRY), 1024);
        assertThat(RelayManifest.parse(manifest.toJson())).isEqualTo(manifest);
        byte[] evil = new RelayManifest(List.of(new RelayManifest.Entry("../evil", 1, "ab".repeat(32))), 1024).toJson();
        assertThatThrownBy(() -> RelayManifest.parse(evil)).hasMessageContaining("unsafe path");
    }
}
