package dev.nabla.cli;

/** A mistake the user can fix (missing file, bad data, wrong option): printed as one line, exit code 1. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
