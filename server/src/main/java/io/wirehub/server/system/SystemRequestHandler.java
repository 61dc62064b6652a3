package io.wirehub.server.system;

/**
 * Answers one request the system account's internal client received: the request as it arrived,
 * the answer as the bytes to publish to its reply subject.
 *
 * <p>Called on the system service's own thread, one request at a time, never on a client's.
 */
@FunctionalInterface
public interface SystemRequestHandler {
    /**
     * @param request the subject, reply, headers and payload, and who sent it
     * @return the reply's payload, or null to stay silent (a filter that does not match this
     *         server, a request without a reply subject)
     */
    byte[] answer(SystemRequest request);
}
