package io.wirehub.cli;

/** Turns jnats' connect failures into one line a user can act on. */
final class Connections {
    private Connections() {
    }

    static UserFacingException failure(ConnectionOptions options, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new UserFacingException("cannot connect to " + options.server() + ": " + reason, e);
    }
}
