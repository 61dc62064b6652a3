package io.wirehub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirehub.cli.InheritedListeners.Handed;
import io.wirehub.cli.InheritedListeners.Source;
import io.wirehub.server.listen.Listener;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who handed the sockets over, and which descriptor is which listener: the launcher's variables and systemd's. */
class InheritedListenersTest {
    private static final long PID = 4711;

    @Test
    void theLaunchersSocketsAreThisProcesssOnly() {
        assertThat(InheritedListeners.source(Map.of("WIREHUB_LISTEN_PID", "4711", "WIREHUB_LISTEN_FDS", "client=0"),
                PID)).isEqualTo(Source.LAUNCHER);
        assertThat(InheritedListeners.source(Map.of("WIREHUB_LISTEN_PID", "1", "WIREHUB_LISTEN_FDS", "client=0"),
                PID)).isNull();
    }

    @Test
    void systemdsSocketsAreTakenWhenListenPidIsThisProcess() {
        assertThat(InheritedListeners.source(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "1"), PID))
                .isEqualTo(Source.SYSTEMD);
        // Left in the environment by a parent that was socket-activated: not ours.
        assertThat(InheritedListeners.source(Map.of("LISTEN_PID", "99", "LISTEN_FDS", "1"), PID)).isNull();
        assertThat(InheritedListeners.source(Map.of("LISTEN_PID", "4711"), PID)).isNull();
        assertThat(InheritedListeners.source(Map.of(), PID)).isNull();
    }

    @Test
    void standardInputIsTheClientPortWhenTheUnitSaysSo() throws IOException {
        assertThat(InheritedListeners.source(Map.of("WIREHUB_LISTEN_STDIN", "1"), PID))
                .isEqualTo(Source.STANDARD_INPUT);
        assertThat(InheritedListeners.source(Map.of("WIREHUB_LISTEN_STDIN", "0"), PID)).isNull();
        assertThat(InheritedListeners.descriptors(Source.STANDARD_INPUT, Map.of()))
                .containsExactly(new Handed(0, Listener.Kind.CLIENT, "client"));
    }

    @Test
    void oneUnnamedSystemdSocketIsTheClientPortOnDescriptor3() throws IOException {
        assertThat(InheritedListeners.systemdDescriptors("1", null))
                .containsExactly(new Handed(3, Listener.Kind.CLIENT, "client"));
        // systemd's default name is the socket unit's.
        assertThat(InheritedListeners.systemdDescriptors("1", "wirehub.socket"))
                .containsExactly(new Handed(3, Listener.Kind.CLIENT, "wirehub.socket"));
    }

    @Test
    void namedSystemdSocketsAreTheListenersTheirNamesSay() throws IOException {
        assertThat(InheritedListeners.systemdDescriptors("3", "monitoring:client:websocket")).containsExactly(
                new Handed(3, Listener.Kind.MONITORING, "monitoring"),
                new Handed(4, Listener.Kind.CLIENT, "client"),
                new Handed(5, Listener.Kind.WEBSOCKET, "websocket"));
        assertThat(InheritedListeners.systemdDescriptors("2", "unix:client")).extracting(Handed::kind)
                .containsExactly(Listener.Kind.UNIX, Listener.Kind.CLIENT);
        assertThat(InheritedListeners.systemdDescriptors("2", "client:leaf")).containsExactly(
                new Handed(3, Listener.Kind.CLIENT, "client"), new Handed(4, Listener.Kind.LEAF, "leaf"));
        // A single socket named leaf is the leafnode port, not the client port.
        assertThat(InheritedListeners.systemdDescriptors("1", "leaf"))
                .containsExactly(new Handed(3, Listener.Kind.LEAF, "leaf"));
    }

    @Test
    void systemdVariablesThatDoNotAddUpAreRefusedSayingWhy() {
        assertThatThrownBy(() -> InheritedListeners.systemdDescriptors("2", "wirehub.socket:wirehub.socket"))
                .hasMessageContaining("descriptor 3 is named \"wirehub.socket\"")
                .hasMessageContaining("FileDescriptorName=client, websocket, monitoring, leaf or unix");
        assertThatThrownBy(() -> InheritedListeners.systemdDescriptors("2", "client:gateway"))
                .hasMessageContaining("descriptor 4 is named \"gateway\"");
        assertThatThrownBy(() -> InheritedListeners.systemdDescriptors("2", "client"))
                .hasMessage("LISTEN_FDNAMES names 1 descriptors but LISTEN_FDS is 2");
        assertThatThrownBy(() -> InheritedListeners.systemdDescriptors("2", "client:client"))
                .hasMessage("LISTEN_FDNAMES names two descriptors client");
        assertThatThrownBy(() -> InheritedListeners.systemdDescriptors("x", null))
                .hasMessageContaining("LISTEN_FDS=x is not a number");
        assertThatThrownBy(() -> InheritedListeners.systemdDescriptors("0", null))
                .hasMessageContaining("hands over no socket");
    }

    @Test
    void theLaunchersListIsReadAsBefore() throws IOException {
        assertThat(InheritedListeners.launcherDescriptors("client=0,websocket=3,unix=5")).containsExactly(
                new Handed(0, Listener.Kind.CLIENT, "client"), new Handed(3, Listener.Kind.WEBSOCKET, "websocket"),
                new Handed(5, Listener.Kind.UNIX, "unix"));
        assertThat(InheritedListeners.launcherDescriptors("client=0,monitoring=3,leaf=4,unix=5")).containsExactly(
                new Handed(0, Listener.Kind.CLIENT, "client"), new Handed(3, Listener.Kind.MONITORING, "monitoring"),
                new Handed(4, Listener.Kind.LEAF, "leaf"), new Handed(5, Listener.Kind.UNIX, "unix"));
        assertThatThrownBy(() -> InheritedListeners.launcherDescriptors("client=0,gateway=3"))
                .hasMessageContaining("names a listener \"gateway\" that Wirehub does not have");
    }
}
