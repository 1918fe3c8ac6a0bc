package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.orm.Entity;
import io.covet.orm.OrmUsageException;
import io.covet.orm.spi.ManyToManyMeta;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.sql.Condition;
import io.covet.sql.Insert;
import io.covet.sql.Sql;
import io.covet.sql.Table;

import java.util.ArrayList;
import java.util.List;

/** add/remove/set/clear on an automatic many-to-many join table, built with covet-sql. Not an API. */
public final class M2mOps {
    private final Entity owner;
    private final Access access = Access.get();
    private final Relations.JoinTable jt;
    private final Table table;
    private final Database db;

    /**
     * The operations on {@code owner}'s relation.
     *
     * @throws OrmUsageException when it is not a many-to-many relation with an automatic join table
     */
    public M2mOps(OrmRuntime orm, Entity owner, String relation) {
        this.owner = owner;
        ModelType<?> type = orm.typeOf(owner);
        ManyToManyMeta mm = type.meta().manyToMany().stream().filter(m -> m.name().equals(relation)).findFirst()
                .orElseThrow(() -> new OrmUsageException(type.meta().simpleName() + "." + relation
                        + " is not a many-to-many field"));
        if (!mm.automatic()) {
            throw new OrmUsageException(type.meta().simpleName() + "." + relation + " goes through "
                    + Writer.simple(mm.throughModel()) + ": create or delete " + Writer.simple(mm.throughModel())
                    + " instances instead of add/remove");
        }
        this.jt = Relations.joinTable(orm, type, relation);
        this.table = Sql.table(jt.table());
        this.db = orm.database(owner.database());
    }

    private Column<Object> source() {
        return Sql.field(table, jt.sourceColumn(), Object.class);
    }

    private Column<Object> target() {
        return Sql.field(table, jt.targetColumn(), Object.class);
    }

    private List<Object> keys(List<? extends Entity> targets) {
        List<Object> out = new ArrayList<>();
        for (Entity t : targets) {
            if (access.primaryKey(t) == null || !t.persisted()) {
                throw new OrmUsageException(t + " is not saved: save it before linking it");
            }
            out.add(access.primaryKey(t));
        }
        return out;
    }

    /** Links the targets; already linked ones are skipped. */
    public void add(List<? extends Entity> targets) {
        List<Object> ids = keys(targets);
        if (ids.isEmpty()) {
            return;
        }
        db.atomicRun(tx -> {
            List<Object> existing = Sql.select(target()).from(table)
                    .where(source().eq(access.primaryKey(owner)).and(target().in(ids)))
                    .statement(db).list(rs -> rs.getObject(1).toString());
            Insert ins = Sql.insertInto(table).columns(source(), target());
            int n = 0;
            for (Object id : ids) {
                if (!existing.contains(id.toString())) {
                    ins = ins.values(access.primaryKey(owner), id);
                    existing.add(id.toString());
                    n++;
                }
            }
            if (n > 0) {
                ins.execute(db);
            }
        });
    }

    /** Unlinks the targets. */
    public void remove(List<? extends Entity> targets) {
        List<Object> ids = keys(targets);
        if (!ids.isEmpty()) {
            Sql.deleteFrom(table).where(source().eq(access.primaryKey(owner)).and(target().in(ids))).execute(db);
        }
    }

    /**
     * Makes {@code targets} the owner's whole set, in one transaction: unlinks every other target (one DELETE), then
     * links the missing ones as {@link #add} does. An empty list unlinks every target.
     */
    public void set(List<? extends Entity> targets) {
        List<Object> ids = keys(targets);
        db.atomicRun(tx -> {
            Condition mine = source().eq(access.primaryKey(owner));
            Sql.deleteFrom(table).where(ids.isEmpty() ? mine : mine.and(target().notIn(ids))).execute(db);
            add(targets);
        });
    }

    /** Unlinks every target. */
    public void clear() {
        Sql.deleteFrom(table).where(source().eq(access.primaryKey(owner))).execute(db);
    }
}
