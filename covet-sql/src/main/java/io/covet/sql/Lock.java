package io.covet.sql;

import io.covet.core.engine.Engine;
import io.covet.core.dialect.Feature;

import java.util.List;

/**
 * A row-lock clause: {@code FOR UPDATE} / {@code FOR SHARE} with {@code NOWAIT} or {@code SKIP LOCKED}. MariaDB
 * spells the shared lock {@code LOCK IN SHARE MODE}; SQLite has no row locks and refuses the clause. {@code of}
 * names the tables (by alias when aliased) whose rows are locked, empty for all of them.
 */
record Lock(boolean share, Wait waitPolicy, List<Table> of) implements Node {
    enum Wait { WAIT, NOWAIT, SKIP_LOCKED }

    Lock(boolean share, Wait waitPolicy) {
        this(share, waitPolicy, List.of());
    }

    Lock {
        of = List.copyOf(of);
    }

    @Override
    public void render(Ctx ctx) {
        String what = share ? "FOR SHARE" : "FOR UPDATE";
        if (!ctx.supports(Feature.ROW_LOCKS)) {
            throw ctx.unsupported(what, "SQLite locks the whole database for writing, not rows: run the read "
                    + "and the write in one transaction begun with BEGIN IMMEDIATE, which takes the write lock at "
                    + "once.");
        }
        if (waitPolicy == Wait.NOWAIT && !ctx.supports(Feature.NOWAIT)) {
            throw ctx.unsupported(what + " NOWAIT", "Set a short lock wait timeout instead.");
        }
        if (waitPolicy == Wait.SKIP_LOCKED && !ctx.supports(Feature.SKIP_LOCKED)) {
            throw ctx.unsupported(what + " SKIP LOCKED", "Upgrade the server (MariaDB 10.6+, MySQL 8), or claim rows "
                    + "with an UPDATE … WHERE claimed_by IS NULL instead.");
        }
        if (!of.isEmpty() && !ctx.supports(Feature.LOCK_OF)) {
            throw ctx.unsupported(what + " OF", "Lock the rows of every table read (leave out 'of'), or lock the "
                    + "other tables' rows with a separate SELECT … FOR UPDATE.");
        }
        if (share && ctx.dialect().engine() == Engine.MARIADB) {
            ctx.sql(" LOCK IN SHARE MODE");
        } else {
            ctx.sql(share ? " FOR SHARE" : " FOR UPDATE");
        }
        for (int i = 0; i < of.size(); i++) {
            Table t = of.get(i);
            ctx.sql(i == 0 ? " OF " : ", ").id(t.alias() != null ? t.alias() : t.name());
        }
        switch (waitPolicy) {
            case NOWAIT -> ctx.sql(" NOWAIT");
            case SKIP_LOCKED -> ctx.sql(" SKIP LOCKED");
            default -> {
            }
        }
    }
}
