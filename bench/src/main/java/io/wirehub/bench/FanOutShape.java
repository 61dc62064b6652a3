package io.wirehub.bench;

/** Names a publishing load by how many receive each message. */
final class FanOutShape {
    private FanOutShape() {
    }

    static String label(int subscribers, boolean queueGroup) {
        if (subscribers == 0) {
            return "pub only";
        }
        if (queueGroup) {
            return "queue group of " + subscribers;
        }
        return subscribers == 1 ? "pub/sub 1→1" : "fan-out 1→" + subscribers;
    }
}
