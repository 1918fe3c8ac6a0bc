package io.covet.migrate;

import io.covet.core.dialect.Dialect;

/**
 * The batched backfill of the expand/contract recipes: sets {@code column = <sql expression>} where it is NULL,
 * {@code batch} rows per statement, until none is left. Arguments: table, column, batch size, SQL expression
 * (a literal or another column of the same row). Its backward step does nothing: the column is dropped by the
 * operation before it.
 */
public final class Backfill implements DataMigration {
    @Override
    public void forward(MigrationContext ctx) throws Exception {
        if (ctx.args().size() != 4) {
            throw new MigrationException("Backfill needs 4 args (table, column, batch size, SQL expression), got "
                    + ctx.args());
        }
        Dialect d = ctx.dialect();
        String t = d.quote(ctx.args().get(0));
        String c = d.quote(ctx.args().get(1));
        int batch = Integer.parseInt(ctx.args().get(2));
        String value = ctx.args().get(3);
        // engine SQL, not a capability: PostgreSQL has no UPDATE … LIMIT, so it batches by ctid
        String sql = switch (ctx.engine().family()) {
            case POSTGRESQL -> "UPDATE " + t + " SET " + c + " = " + value + " WHERE ctid IN (SELECT ctid FROM " + t
                    + " WHERE " + c + " IS NULL LIMIT " + batch + ")";
            case MARIADB -> "UPDATE " + t + " SET " + c + " = " + value + " WHERE " + c + " IS NULL LIMIT " + batch;
            default -> "UPDATE " + t + " SET " + c + " = " + value + " WHERE rowid IN (SELECT rowid FROM " + t
                    + " WHERE " + c + " IS NULL LIMIT " + batch + ")";
        };
        long total = 0;
        int n;
        do {
            n = ctx.execute(sql);
            total += n;
            if (n > 0) {
                ctx.progress("backfilled " + total + " row(s) of " + ctx.args().get(0) + "." + ctx.args().get(1));
            }
        } while (n > 0);
    }

    @Override
    public void backward(MigrationContext ctx) {
        // Nothing to undo: the backward step of the AddField before it drops the column.
    }
}
