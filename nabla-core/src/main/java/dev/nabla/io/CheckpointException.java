package dev.nabla.io;

/**
 * A checkpoint that cannot be read or written: a missing or unreadable file, a truncated or corrupt safetensors
 * file (header length beyond the file, bad JSON, offsets outside the data or not matching dtype and shape, an
 * unknown dtype), or a failed write (the previous file at that path is then left as it was). Unchecked, like
 * PyTorch's errors from {@code torch.load}; the message names the file and what is wrong, and an underlying
 * {@link java.io.IOException} is kept as the cause.
 */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
