package io.wirehub.server.it;

import io.wirehub.testkit.internal.Transcript;
import java.util.List;

/**
 * Raw conversations that pin down the wire behaviour of PROTOCOL.md: the -ERR catalogue (§9) as
 * far as the core covers it, the silent closes, and the leniency rules (§1.2). Each states the
 * replies nats-server 2.9.10 gives; {@link DifferentialTest} runs them against both servers.
 */
final class ProtocolTranscripts {
    private static final String CONNECT_QUIET = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";
    private static final String UNKNOWN_OP = "-ERR 'Unknown Protocol Operation'";

    private ProtocolTranscripts() {
    }

    static List<Transcript> all() {
        return List.of(
                // ---- §9: errors that close the connection -------------------------------------
                Transcript.named("misspelt op").info().send(CONNECT_QUIET + "PUX foo 1\r\n").closed(UNKNOWN_OP).build(),
                Transcript.named("unknown op letter").info().send("FOO\r\n").closed(UNKNOWN_OP).build(),
                Transcript.named("client sends MSG").info().send(CONNECT_QUIET + "MSG foo 1 1\r\nx\r\n")
                        .closed(UNKNOWN_OP).build(),
                Transcript.named("payload longer than announced").info()
                        .send(CONNECT_QUIET + "PUB foo 2\r\nabc\r\n").closed(UNKNOWN_OP).build(),
                Transcript.named("no CRLF after payload").info()
                        .send(CONNECT_QUIET + "PUB foo 3\r\nabcXYPING\r\n").closed(UNKNOWN_OP).build(),
                Transcript.named("empty line as an op").info().send(CONNECT_QUIET + "\r\n").closed(UNKNOWN_OP).build(),
                Transcript.named("PUB without space").info().send(CONNECT_QUIET + "PUBfoo 1\r\nx\r\n")
                        .closed(UNKNOWN_OP).build(),
                Transcript.named("-ERR without text").info().send("-ERR\r\n").closed(UNKNOWN_OP).build(),
                Transcript.named("control line too long").info()
                        .send(CONNECT_QUIET + "PUB " + "s".repeat(4100) + " 1\r\nx\r\n")
                        .closed("-ERR 'maximum control line exceeded'").build(),
                Transcript.named("CONNECT too long").info()
                        .send("CONNECT {\"name\":\"" + "n".repeat(4100) + "\"}\r\n")
                        .closed("-ERR 'maximum control line exceeded'").build(),
                Transcript.named("control line that never ends").info()
                        .send(CONNECT_QUIET + "SUB " + "x".repeat(5000))
                        .closed("-ERR 'maximum control line exceeded'").build(),
                Transcript.named("payload over max_payload").info()
                        .send(CONNECT_QUIET + "PUB foo 1048577\r\n")
                        .closed("-ERR 'Maximum Payload Violation'").build(),
                Transcript.named("HPUB over max_payload").info()
                        .send("CONNECT {\"verbose\":false,\"headers\":true}\r\nHPUB foo 12 2000000\r\n")
                        .closed("-ERR 'Maximum Payload Violation'").build(),
                Transcript.named("protocol 2").info().send("CONNECT {\"protocol\":2}\r\n")
                        .closed("-ERR 'invalid client protocol'").build(),
                Transcript.named("no_responders without headers").info()
                        .send("CONNECT {\"no_responders\":true}\r\n")
                        .closed("-ERR 'no responders requires headers support'").build(),
                Transcript.named("client -ERR closes").info().send(CONNECT_QUIET + "-ERR 'bye'\r\n").closed().build(),

                // ---- silent closes ---------------------------------------------------------------
                Transcript.named("PUB with 4 args").info().send(CONNECT_QUIET + "PUB a b c 3\r\nabc\r\n").closed().build(),
                Transcript.named("SUB with 1 arg").info().send(CONNECT_QUIET + "SUB foo\r\n").closed().build(),
                Transcript.named("SUB with 4 args").info().send(CONNECT_QUIET + "SUB a b c d\r\n").closed().build(),
                Transcript.named("UNSUB with 3 args").info().send(CONNECT_QUIET + "UNSUB 1 2 3\r\n").closed().build(),
                Transcript.named("negative size").info().send(CONNECT_QUIET + "PUB foo -1\r\n").closed().build(),
                Transcript.named("size with 10 digits").info().send(CONNECT_QUIET + "PUB foo 0000000001\r\nx\r\n")
                        .closed().build(),
                Transcript.named("missing size").info().send(CONNECT_QUIET + "PUB foo\r\n").closed().build(),
                Transcript.named("HPUB without headers negotiated").info()
                        .send(CONNECT_QUIET + "HPUB foo 12 12\r\nNATS/1.0\r\n\r\n\r\n").closed().build(),
                Transcript.named("HPUB header size over total").info()
                        .send("CONNECT {\"verbose\":false,\"headers\":true}\r\nHPUB foo 30 20\r\n").closed().build(),
                Transcript.named("invalid CONNECT JSON").info().send("CONNECT {verbose:false}\r\n").closed().build(),
                Transcript.named("CONNECT with wrong type").info().send("CONNECT {\"verbose\":\"no\"}\r\n").closed().build(),
                Transcript.named("client INFO with invalid JSON").info().send(CONNECT_QUIET + "INFO {x\r\n").closed().build(),
                Transcript.named("account in CONNECT").info().send("CONNECT {\"account\":\"A\"}\r\n")
                        .closed("-ERR 'Authorization Violation'").build(),

                // ---- §9: errors that keep the connection ---------------------------------------
                Transcript.named("invalid subject, empty token").handshake().send("SUB foo..bar 1\r\nPING\r\n")
                        .line("-ERR 'Invalid Subject'").line("PONG").build(),
                Transcript.named("invalid subject, token after >").handshake().send("SUB foo.>.bar 1\r\nPING\r\n")
                        .line("-ERR 'Invalid Subject'").line("PONG").build(),
                Transcript.named("maximum subscriptions").config("max_subscriptions: 2\n").handshake()
                        .send("SUB a 1\r\nSUB b 2\r\nSUB c 3\r\nPUB c 1\r\nx\r\nPING\r\n")
                        .line("-ERR 'maximum subscriptions exceeded'").line("PONG").build(),
                Transcript.named("pedantic: invalid publish subject still routed").info()
                        .send("CONNECT {\"verbose\":false,\"pedantic\":true}\r\nSUB foo.> 1\r\nPUB foo.* 1\r\nx\r\nPING\r\n")
                        .line("-ERR 'Invalid Publish Subject'").line("MSG foo.* 1 1").line("x").line("PONG").build(),
                Transcript.named("pedantic: empty token matches nothing").info()
                        .send("CONNECT {\"verbose\":false,\"pedantic\":true}\r\nSUB > 1\r\nPUB foo..bar 1\r\nx\r\nPING\r\n")
                        .line("-ERR 'Invalid Publish Subject'").line("PONG").build(),
                Transcript.named("gateway-routed publish subject").handshake().send("PUB _GR_.x.y 1\r\nx\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Publish to \"_GR_.x.y\"'").line("PONG").build(),
                Transcript.named("reserved reply subject").handshake().send("PUB foo _R_.abc 1\r\nx\r\nPING\r\n")
                        .line("-ERR 'Permissions Violation for Publish with Reply of \"_R_.abc\"'").line("PONG").build(),

                // ---- §1.2 leniency ----------------------------------------------------------------
                Transcript.named("ops in any case").info()
                        .send("connect {\"verbose\":false}\r\nsUb foo 1\r\npub foo 2\r\nhi\r\npInG\r\n")
                        .line("MSG foo 1 2").line("hi").line("PONG").build(),
                Transcript.named("tabs and runs of spaces").info()
                        .send(CONNECT_QUIET + "SUB\tfoo  \t 1 \t\r\nPUB   foo\t\t2  \r\nhi\r\nPING\r\n")
                        .line("MSG foo 1 2").line("hi").line("PONG").build(),
                Transcript.named("nats.go's SUB and UNSUB spacing").handshake()
                        .send("SUB foo  1\r\nUNSUB 1 \r\nPUB foo 1\r\nx\r\nPING\r\n").line("PONG").build(),
                Transcript.named("bare LF line ends").info().send(CONNECT_QUIET + "SUB foo 1\nPUB foo 2\nhi\r\nPING\n")
                        .line("MSG foo 1 2").line("hi").line("PONG").build(),
                Transcript.named("CONNECT without space").info().send("CONNECT{\"verbose\":false}\r\nPING\r\n")
                        .line("PONG").build(),
                Transcript.named("PING with trailing text").info().send(CONNECT_QUIET + "PING foo bar\r\n").line("PONG").build(),
                Transcript.named("client PONG and +OK ignored").info().send(CONNECT_QUIET + "PONG\r\n+OK\r\nPING\r\n")
                        .line("PONG").build(),
                Transcript.named("client INFO ignored").info().send(CONNECT_QUIET + "INFO {\"server_id\":\"x\"}\r\nPING\r\n")
                        .line("PONG").build(),
                Transcript.named("no CONNECT at all: verbose by default").info()
                        .send("SUB foo 1\r\nPUB foo 1\r\nx\r\nUNSUB 1\r\nPING\r\n")
                        .line("+OK").line("+OK").line("MSG foo 1 1").line("x").line("+OK").line("PONG").build(),
                Transcript.named("empty CONNECT: verbose by default").info()
                        .send("CONNECT {}\r\nPING\r\n").line("+OK").line("PONG").build(),
                Transcript.named("op split byte by byte").info()
                        .sendByteByByte(CONNECT_QUIET + "SUB foo 1\r\nPUB foo 5\r\nhello\r\nPING\r\n")
                        .line("MSG foo 1 5").line("hello").line("PONG").build(),
                Transcript.named("payload split across writes").handshake().send("SUB foo 1\r\nPUB foo 10\r\nhel")
                        .send("lo").send("world\r").send("\nPING\r\n").line("MSG foo 1 10").line("helloworld")
                        .line("PONG").build(),

                // ---- everyday semantics ---------------------------------------------------------
                Transcript.named("verbose acks").info()
                        .send("CONNECT {\"verbose\":true,\"pedantic\":false}\r\nSUB foo 1\r\nSUB foo 1\r\nUNSUB 9\r\nPING\r\n")
                        .line("+OK").line("+OK").line("+OK").line("+OK").line("PONG").build(),
                Transcript.named("duplicate sid keeps the first").handshake()
                        .send("SUB foo 1\r\nSUB bar 1\r\nPUB bar 1\r\nb\r\nPUB foo 1\r\nf\r\nPING\r\n")
                        .line("MSG foo 1 1").line("f").line("PONG").build(),
                Transcript.named("UNSUB with max").handshake()
                        .send("SUB foo 1\r\nUNSUB 1 2\r\nPUB foo 1\r\na\r\nPUB foo 1\r\nb\r\nPUB foo 1\r\nc\r\nPING\r\n")
                        .line("MSG foo 1 1").line("a").line("MSG foo 1 1").line("b").line("PONG").build(),
                Transcript.named("UNSUB max already reached").handshake()
                        .send("SUB foo 1\r\nPUB foo 1\r\na\r\nPUB foo 1\r\nb\r\nUNSUB 1 2\r\nPUB foo 1\r\nc\r\nPING\r\n")
                        .line("MSG foo 1 1").line("a").line("MSG foo 1 1").line("b").line("PONG").build(),
                Transcript.named("two subs of one connection").handshake()
                        .send("SUB foo 1\r\nSUB foo 2\r\nPUB foo 1\r\nx\r\nPING\r\n")
                        .anyLine().anyLine().anyLine().anyLine().line("PONG").build(),
                Transcript.named("queue group gets one copy").handshake()
                        .send("SUB foo q 1\r\nSUB foo q 2\r\nPUB foo 1\r\nx\r\nPING\r\n")
                        .anyLine().line("x").line("PONG").build(),
                Transcript.named("wildcards").handshake()
                        .send("SUB a.* 1\r\nSUB a.> 2\r\nPUB a.b.c 1\r\nx\r\nPUB a 1\r\ny\r\nPING\r\n")
                        .line("MSG a.b.c 2 1").line("x").line("PONG").build(),
                Transcript.named("wildcard tokens in a publish subject").handshake()
                        .send("SUB foo.bar 1\r\nSUB foo.* 2\r\nPUB foo.* 1\r\nx\r\nPING\r\n")
                        .line("MSG foo.* 2 1").line("x").line("PONG").build(),
                Transcript.named("empty payload").handshake().send("SUB NOTIFY 1\r\nPUB NOTIFY 0\r\n\r\nPING\r\n")
                        .line("MSG NOTIFY 1 0").line("").line("PONG").build(),
                Transcript.named("size digits echoed as sent").handshake().send("SUB foo 1\r\nPUB foo rep 005\r\nhello\r\nPING\r\n")
                        .line("MSG foo 1 rep 005").line("hello").line("PONG").build(),
                Transcript.named("echo off").info()
                        .send("CONNECT {\"verbose\":false,\"echo\":false}\r\nSUB foo 1\r\nPUB foo 1\r\nx\r\nPING\r\n")
                        .line("PONG").build(),
                Transcript.named("headers delivered as HMSG").handshake()
                        .send("SUB foo.bar 1\r\nHPUB foo.bar rep 24 26\r\nNATS/1.0\r\nA: b\r\nC: d\r\n\r\nhi\r\nPING\r\n")
                        .line("HMSG foo.bar 1 rep 24 26").line("NATS/1.0").line("A: b").line("C: d").line("").line("hi")
                        .line("PONG").build(),
                Transcript.named("HPUB from a client that said headers:false").info()
                        .send("CONNECT {\"verbose\":false,\"headers\":false}\r\nSUB foo 1\r\nPING\r\n").line("PONG")
                        .send("HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n").closed().build(),
                Transcript.named("no responders").handshake()
                        .send("SUB _INBOX.abc.* 1\r\nPUB nobody _INBOX.abc.x 0\r\n\r\nPING\r\n")
                        .line("HMSG _INBOX.abc.x 1 16 16").line("NATS/1.0 503").line("").line("").line("PONG").build(),
                Transcript.named("no responders without an own subscription").handshake()
                        .send("PUB nobody _INBOX.abc.x 0\r\n\r\nPING\r\n").line("PONG").build(),
                Transcript.named("stale connection").config("ping_interval: \"100ms\"\nping_max: 1\n").info()
                        .send(CONNECT_QUIET).line("PING").closed("-ERR 'Stale Connection'").build());
    }
}
