package io.covet.core.pipeline;

/**
 * How bound values are shown to an interceptor through {@link StatementContext#parameters(Redaction)}. Bound
 * values may be passwords, tokens or personal data, so an interceptor never gets them without choosing a
 * redaction (or calling the deliberately named {@link StatementContext#unsafeParameterValues()}).
 */
@FunctionalInterface
public interface Redaction {
    /**
     * What to show for one value.
     *
     * @param index the value's position, from 0, in bind order
     * @param value the value as bound; may be null
     * @return what the interceptor sees instead
     */
    Object redact(int index, Object value);

    /** Every value shown as {@code "***"}; null stays null, so the presence of a value is still visible. */
    static Redaction masked() {
        return (i, v) -> v == null ? null : "***";
    }

    /** Every value shown as its type, e.g. {@code "<String>"}; null stays null. */
    static Redaction typesOnly() {
        return (i, v) -> v == null ? null : "<" + v.getClass().getSimpleName() + ">";
    }
}
