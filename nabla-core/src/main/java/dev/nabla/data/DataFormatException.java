package dev.nabla.data;

/**
 * A data file that cannot be read as what it claims to be (bad magic number, truncated, a cell that is not a
 * number, a ragged row). The message names the file, the place and what was expected; an unreadable or missing
 * file is reported the same way, with the {@link java.io.IOException} as the cause.
 */
public class DataFormatException extends RuntimeException {
    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
