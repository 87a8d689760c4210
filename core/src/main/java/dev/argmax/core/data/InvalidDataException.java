package dev.argmax.core.data;

/**
 * Thrown when input data cannot be used for estimation: non-finite values, mismatched
 * lengths, empty data, invalid weights, a response outside the family's support, and so on.
 *
 * <p>The message always names the problem and, where there is one, the place (row, column,
 * argument name), so that a user can fix the data without a debugger. It is thrown before any
 * numerical work is done.
 */
public class InvalidDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidDataException(String message) {
        super(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
