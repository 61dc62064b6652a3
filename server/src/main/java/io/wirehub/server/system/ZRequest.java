package io.wirehub.server.system;

import java.util.function.Function;

/**
 * nats-server's zReq: read the body's options (400 when they cannot be read), stay silent when
 * the filter excludes this server, build the document (500 with the reason when that fails), and
 * wrap it in a ServerAPIResponse.
 */
final class ZRequest {
    private ZRequest() {
    }

    /**
     * @param document builds the data from the options; returns null to stay silent
     */
    static byte[] answer(ServerIdentity identity, SystemRequest request, Function<RequestOptions, byte[]> document) {
        if (request.reply() == null) {
            return null;
        }
        RequestOptions options;
        try {
            options = RequestOptions.of(request);
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(identity, 400, e.getMessage());
        }
        if (options.filtersOut(identity)) {
            return null;
        }
        byte[] data;
        try {
            data = document.apply(options);
        } catch (IllegalArgumentException e) {
            return ApiResponse.failed(identity, 500, e.getMessage());
        }
        return data == null ? null : ApiResponse.data(identity, data);
    }
}
