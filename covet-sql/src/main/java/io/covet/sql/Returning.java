package io.covet.sql;

import io.covet.core.dialect.Feature;

import java.util.List;

/** {@code RETURNING items} of an INSERT, UPDATE or DELETE, checked against the engine's features. */
final class Returning {
    private Returning() {
    }

    static void render(Ctx ctx, List<SelectItem> items, String statement) {
        if (items.isEmpty()) {
            return;
        }
        Feature needed = statement.equals("UPDATE") ? Feature.UPDATE_RETURNING : Feature.RETURNING;
        if (!ctx.supports(needed)) {
            boolean mariaUpdate = statement.equals("UPDATE") && ctx.supports(Feature.RETURNING);
            throw ctx.unsupported(statement + " … RETURNING", mariaUpdate
                    ? "MariaDB has RETURNING on INSERT and DELETE only: select the rows with FOR UPDATE in the same "
                    + "transaction before updating them, or read them back by key afterwards."
                    : "Read the rows back by key in the same transaction, or use "
                    + "db.sql(…).executeReturningKeys(…) for generated keys.");
        }
        Clause outer = ctx.clause(Clause.SELECT);
        ctx.sql(" RETURNING ").list(items);
        ctx.clause(outer);
    }
}
