package io.wirehub.server.files;

/** A request the file service refuses; the message goes back to the client as is. */
public final class FileServiceException extends Exception {
    public FileServiceException(String message) {
        super(message, null, false, false);
    }
}
