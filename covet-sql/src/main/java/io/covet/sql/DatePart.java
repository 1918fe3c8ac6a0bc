package io.covet.sql;

/** A part of a date or timestamp for {@link Functions#extract(DatePart, Field)}. */
public enum DatePart {
    /** The year, e.g. 2024. */
    YEAR("%Y"),
    /** The month, 1–12. */
    MONTH("%m"),
    /** The day of the month, 1–31. */
    DAY("%d"),
    /** The hour, 0–23. */
    HOUR("%H"),
    /** The minute, 0–59. */
    MINUTE("%M"),
    /** The whole seconds, 0–59. */
    SECOND("%S");

    final String strftime;

    DatePart(String strftime) {
        this.strftime = strftime;
    }
}
