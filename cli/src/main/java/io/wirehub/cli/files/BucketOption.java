package io.wirehub.cli.files;

import io.wirehub.client.files.ObjectFiles;
import picocli.CommandLine.Option;

/** {@code --bucket NAME}: the Object Store bucket put, get, ls and rm use. */
public final class BucketOption {
    @Option(names = "--bucket", paramLabel = "NAME", defaultValue = ObjectFiles.DEFAULT_BUCKET,
            description = "Object Store bucket (default ${DEFAULT-VALUE}; put creates it if absent).")
    String bucket = ObjectFiles.DEFAULT_BUCKET;

    public String bucket() {
        return bucket;
    }
}
