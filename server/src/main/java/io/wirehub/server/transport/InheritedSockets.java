package io.wirehub.server.transport;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.Locale;

/**
 * Takes listening sockets that the process inherited as open file descriptors: the launcher binds
 * the ports before the JVM starts (so the first connect succeeds at once, into the kernel's
 * backlog) and execs the JVM with them open.
 *
 * <p>Why reflection: the JDK's only public way in is {@link System#inheritedChannel()}, for file
 * descriptor 0 alone, and closing that channel points the process's standard output and error at
 * /dev/null (the JDK "detaches" all three standard streams), so the log would go silent at lame duck
 * or shutdown. Every inherited descriptor is therefore wrapped in the JDK's own
 * {@code sun.nio.ch.ServerSocketChannelImpl}, as {@code System.inheritedChannel()} itself does, and
 * descriptor 0 is first moved to a descriptor of its own, with /dev/null put in its place as the JDK
 * does; the channel then closes like any other. This needs
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}, which the launcher passes. Without it (or
 * on a JDK whose internals differ), descriptor 0 falls back to {@code System.inheritedChannel()}
 * and {@link #closingSilencesStandardStreams} says so; other descriptors cannot be taken, and the
 * caller binds its ports as usual.
 *
 * <p>Every descriptor is checked to be a listening socket (SO_ACCEPTCONN) of the expected family
 * before it is used.
 */
public final class InheritedSockets {
    /** InheritedChannel's address families (sun.nio.ch.InheritedChannel.AF_*). */
    private static final int AF_INET = 1;
    private static final int AF_INET6 = 2;
    private static final int AF_UNIX = 3;
    private static final int O_RDWR = 2;

    /** The JDK internals used, resolved once; null when they are not reachable. */
    private static final Internals INTERNALS = Internals.resolve();

    /** Set when descriptor 0 was taken through System.inheritedChannel(). */
    private static volatile Channel detachingChannel;

    private InheritedSockets() {
    }

    /** Whether descriptors other than 0 can be taken in this JVM (the launcher's --add-opens is in force). */
    public static boolean available() {
        return INTERNALS != null;
    }

    /**
     * Takes the listening socket on file descriptor {@code fd}.
     *
     * @param unix whether a Unix domain socket is expected (otherwise TCP over IPv4 or IPv6)
     * @throws IOException saying what the descriptor is instead, or that it cannot be taken here
     */
    public static ServerSocketChannel take(int fd, boolean unix) throws IOException {
        if (INTERNALS == null) {
            if (fd == 0 && !unix) {
                return fromSystemInheritedChannel();
            }
            throw new IOException("file descriptor " + fd + " cannot be taken: this JVM does not open sun.nio.ch"
                    + " (the launcher passes --add-opens java.base/sun.nio.ch=ALL-UNNAMED)");
        }
        return INTERNALS.take(fd, unix);
    }

    /** Whether closing this channel would silence the process's standard output and error (see above). */
    public static boolean closingSilencesStandardStreams(Channel channel) {
        return channel != null && channel == detachingChannel;
    }

    private static ServerSocketChannel fromSystemInheritedChannel() throws IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof ServerSocketChannel server)) {
            throw new IOException("file descriptor 0 is not a listening TCP socket ("
                    + (inherited == null ? "not a socket" : "a " + describe(inherited)) + ")");
        }
        if (!(server.getLocalAddress() instanceof java.net.InetSocketAddress)) {
            throw new IOException("file descriptor 0 is not a listening TCP socket (a Unix domain socket)");
        }
        detachingChannel = server;
        return server;
    }

    private static String describe(Channel channel) {
        if (channel instanceof java.nio.channels.SocketChannel) {
            return "connected socket";
        }
        if (channel instanceof java.nio.channels.DatagramChannel) {
            return "datagram socket";
        }
        return channel.getClass().getSimpleName();
    }

    /** Method handles into sun.nio.ch, and what they are called with. */
    private record Internals(MethodHandle addressFamily, MethodHandle intOption, MethodHandle newFd,
                             MethodHandle dup, MethodHandle dup2, MethodHandle open, MethodHandle close,
                             MethodHandle channel,
                             int solSocket, int soAcceptConn) {

        static Internals resolve() {
            int[] acceptConn = acceptConnOption();
            if (acceptConn == null) {
                return null;
            }
            try {
                Class<?> inherited = Class.forName("sun.nio.ch.InheritedChannel");
                Class<?> net = Class.forName("sun.nio.ch.Net");
                Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
                Class<?> impl = Class.forName("sun.nio.ch.ServerSocketChannelImpl");
                MethodHandles.Lookup inInherited = MethodHandles.privateLookupIn(inherited, MethodHandles.lookup());
                MethodHandles.Lookup inNet = MethodHandles.privateLookupIn(net, MethodHandles.lookup());
                MethodHandles.Lookup inIoUtil = MethodHandles.privateLookupIn(ioUtil, MethodHandles.lookup());
                MethodHandles.Lookup inImpl = MethodHandles.privateLookupIn(impl, MethodHandles.lookup());
                return new Internals(
                        inInherited.findStatic(inherited, "addressFamily", MethodType.methodType(int.class, int.class)),
                        inNet.findStatic(net, "getIntOption0", MethodType.methodType(int.class, FileDescriptor.class,
                                boolean.class, int.class, int.class)),
                        inIoUtil.findStatic(ioUtil, "newFD", MethodType.methodType(FileDescriptor.class, int.class)),
                        inInherited.findStatic(inherited, "dup", MethodType.methodType(int.class, int.class)),
                        inInherited.findStatic(inherited, "dup2", MethodType.methodType(void.class, int.class,
                                int.class)),
                        inInherited.findStatic(inherited, "open0", MethodType.methodType(int.class, String.class,
                                int.class)),
                        inInherited.findStatic(inherited, "close0", MethodType.methodType(void.class, int.class)),
                        inImpl.findConstructor(impl, MethodType.methodType(void.class, SelectorProvider.class,
                                ProtocolFamily.class, FileDescriptor.class, boolean.class)),
                        acceptConn[0], acceptConn[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not opened to us (no --add-opens), or another JDK's internals: the public path only.
                return null;
            }
        }

        /** SOL_SOCKET and SO_ACCEPTCONN of this platform, or null where they are not known. */
        private static int[] acceptConnOption() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (os.contains("linux")) {
                return new int[] {1, 30};
            }
            if (os.contains("mac") || os.contains("bsd")) {
                return new int[] {0xffff, 0x2};
            }
            return null;
        }

        ServerSocketChannel take(int fd, boolean unix) throws IOException {
            try {
                FileDescriptor descriptor = (FileDescriptor) newFd.invoke(fd);
                int listening;
                try {
                    listening = (int) intOption.invoke(descriptor, false, solSocket, soAcceptConn);
                } catch (IOException e) {
                    throw new IOException("file descriptor " + fd + " is not a socket (" + e.getMessage() + ")");
                }
                int family = (int) addressFamily.invoke(fd);
                String expected = unix ? "Unix domain" : "TCP";
                if (listening == 0) {
                    throw new IOException("file descriptor " + fd + " is a socket that is not listening; expected a"
                            + " listening " + expected + " socket");
                }
                boolean isUnix = family == AF_UNIX;
                if (unix != isUnix || !isUnix && family != AF_INET && family != AF_INET6) {
                    throw new IOException("file descriptor " + fd + " is a listening socket of another kind;"
                            + " expected a listening " + expected + " socket");
                }
                int own = fd;
                if (fd <= 2) {
                    // A standard stream's number: move the socket to a descriptor of its own and put
                    // /dev/null in its place, as System.inheritedChannel() does for descriptor 0.
                    own = (int) dup.invoke(fd);
                    int devNull = (int) open.invoke("/dev/null", O_RDWR);
                    dup2.invoke(devNull, fd);
                    close.invoke(devNull);
                }
                return (ServerSocketChannel) channel.invoke(SelectorProvider.provider(),
                        isUnix ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET,
                        newFd.invoke(own), true);
            } catch (IOException e) {
                throw e;
            } catch (Throwable e) {
                throw new IOException("file descriptor " + fd + " cannot be taken: " + e, e);
            }
        }
    }
}
