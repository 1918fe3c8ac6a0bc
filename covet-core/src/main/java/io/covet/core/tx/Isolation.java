package io.covet.core.tx;

/**
 * The isolation level of a transaction, mapped per engine.
 *
 * <table>
 * <caption>What each engine runs</caption>
 * <tr><th>Level</th><th>PostgreSQL</th><th>MariaDB (InnoDB)</th><th>SQLite</th></tr>
 * <tr><td>READ_COMMITTED</td><td>READ COMMITTED</td><td>READ COMMITTED</td><td>serializable (stronger)</td></tr>
 * <tr><td>REPEATABLE_READ</td><td>REPEATABLE READ (snapshot isolation)</td><td>REPEATABLE READ (its default)</td>
 * <td>serializable (stronger)</td></tr>
 * <tr><td>SERIALIZABLE</td><td>SERIALIZABLE (SSI)</td><td>SERIALIZABLE (plain reads take shared locks)</td>
 * <td>serializable: one writer at a time, snapshot reads under WAL</td></tr>
 * </table>
 *
 * <p>SQLite has only one level, and it is stronger than the two weaker ones; running a weaker request at a
 * stronger level keeps every guarantee asked for (the SQL standard allows it), so SQLite runs all three as
 * serializable and {@link Transaction#isolation()} reports {@link #SERIALIZABLE}.
 */
public enum Isolation {
    /** Each statement sees data committed before it began. */
    READ_COMMITTED("READ COMMITTED"),
    /** Every read of the transaction sees the same snapshot. */
    REPEATABLE_READ("REPEATABLE READ"),
    /** The outcome equals some serial order of the transactions; expect {@code SerializationFailure} to retry. */
    SERIALIZABLE("SERIALIZABLE");

    private final String sql;

    Isolation(String sql) {
        this.sql = sql;
    }

    /** The level's name in SQL ({@code REPEATABLE READ}). */
    public String sql() {
        return sql;
    }
}
