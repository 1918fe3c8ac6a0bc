package io.covet.core.dialect;

import io.covet.core.error.CovetException;

/**
 * A table, column or other name that Covet refuses to write into SQL.
 *
 * <p>Thrown before any statement is sent, so nothing has reached the database.
 */
public final class InvalidIdentifierException extends CovetException {
    private final String identifier;

    /**
     * @param identifier the rejected name, printed escaped
     * @param reason     why it was rejected
     */
    public InvalidIdentifierException(String identifier, String reason) {
        super("invalid identifier " + printable(identifier) + ": " + reason
                + "; use a name of letters, digits and underscores");
        this.identifier = identifier;
    }

    /** The rejected name, exactly as given. */
    public String identifier() {
        return identifier;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (Character.isISOControl(c) || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
