package io.wirehub.server.monitor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/** /stacksz: every platform thread's stack, the JVM's counterpart of nats-server's goroutine dump. */
final class ThreadDump {
    private ThreadDump() {
    }

    static String text() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(thread.getThreadName()).append("\" #").append(thread.getThreadId()).append(' ')
                    .append(thread.getThreadState()).append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
