package io.covet.backup;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) with {@code *}, lists
 * ({@code 1,15}), ranges ({@code 1-5}) and steps ({@code *}{@code /15}, {@code 0-30/10}); Sunday is 0 or 7. As in
 * cron, when both day fields are restricted a day matching either one fires. Immutable.
 */
public final class CronSchedule {
    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;
    private final boolean anyWeekday;

    private CronSchedule(String expression) {
        this.expression = expression;
        String[] f = expression.strip().split("\\s+");
        if (f.length != 5) {
            throw invalid(expression, "it has " + f.length + " fields, cron needs 5 (minute hour day month weekday)");
        }
        minutes = field(expression, f[0], 0, 59);
        hours = field(expression, f[1], 0, 23);
        days = field(expression, f[2], 1, 31);
        months = field(expression, f[3], 1, 12);
        weekdays = field(expression, f[4], 0, 7);
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        anyDay = f[2].equals("*");
        anyWeekday = f[4].equals("*");
    }

    /**
     * Parses an expression such as {@code "30 2 * * *"} (every day at 02:30).
     *
     * @throws BackupException (INVALID) naming the bad field
     */
    public static CronSchedule parse(String expression) {
        if (expression == null) {
            throw invalid("null", "no expression given");
        }
        return new CronSchedule(expression);
    }

    /** The first time strictly after {@code after}, at a whole minute, that the schedule fires. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.withMinute(0).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        throw invalid(expression, "it never fires");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = days.get(t.getDayOfMonth());
        boolean dow = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (anyDay || anyWeekday) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static BitSet field(String expr, String text, int min, int max) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(expr, part.substring(slash + 1), 1, max);
                range = part.substring(0, slash);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                lo = number(expr, range.substring(0, range.indexOf('-')), min, max);
                hi = number(expr, range.substring(range.indexOf('-') + 1), min, max);
            } else {
                lo = number(expr, range, min, max);
                hi = slash >= 0 ? max : lo;
            }
            if (lo > hi) {
                throw invalid(expr, "the range " + range + " runs backwards");
            }
            for (int v = lo; v <= hi; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String expr, String s, int min, int max) {
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw invalid(expr, s + " is outside " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(expr, "'" + s + "' is not a number (names such as MON are not supported)");
        }
    }

    private static BackupException invalid(String expr, String why) {
        return new BackupException(BackupException.Reason.INVALID, String.format(Locale.ROOT,
                "invalid cron expression '%s': %s", expr, why));
    }

    @Override
    public String toString() {
        return expression;
    }
}
