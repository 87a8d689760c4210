package dev.argmax.models.frame;

import dev.argmax.core.data.InvalidDataException;

/** A formula that cannot be parsed or does not fit the data: the message names the place and the reason. */
public class FormulaException extends InvalidDataException {

    private static final long serialVersionUID = 1L;

    public FormulaException(String message) {
        super(message);
    }
}
