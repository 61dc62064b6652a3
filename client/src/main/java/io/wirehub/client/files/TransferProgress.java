package io.wirehub.client.files;

/**
 * Told how a transfer advances, for a progress bar. Called from the transferring thread; an
 * implementation must be quick.
 */
public interface TransferProgress {
    TransferProgress NONE = new TransferProgress() {
        @Override
        public void start(String phase, long total) {
        }

        @Override
        public void advanceTo(long done) {
        }

        @Override
        public void finish() {
        }
    };

    /** A new phase ("hashing", "uploading", "downloading") of {@code total} bytes begins. */
    void start(String phase, long total);

    /** {@code done} bytes of the phase are done (including any resumed from before). */
    void advanceTo(long done);

    void finish();
}
