package io.wirehub.client.files;

import java.io.IOException;

/** A transfer that did not end with a verified file: the message says why, for the user. */
public final class FileTransferException extends IOException {
    public FileTransferException(String message) {
        super(message);
    }

    public FileTransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
