package io.covet.migrate;

import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Feature;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The zero-downtime linter: flags operations that would lock a large table or break the release still running
 * while the migration is applied, and names the safe alternative. Tables created by the linted migrations
 * themselves are new and empty, so operations on them are not flagged.
 *
 * <p>Rules: {@code add-not-null-column}, {@code index-locks-table}, {@code table-rewrite}, {@code set-not-null},
 * {@code drop-or-rename-breaks-old-release}, {@code foreign-key-validates-inline}.
 */
public final class Linter {
    private static final String LOCK = " Also run it with a short lock timeout (covet migrate --lock-timeout 5s) so it "
            + "fails fast instead of queueing every query behind it.";

    private Linter() {
    }

    /** Lints {@code migrations} (in plan order) for {@code engine}, starting from the graph's state before them. */
    public static List<LintFinding> lint(MigrationGraph graph, List<Migration> migrations, Engine engine) {
        Set<MigrationKey> linted = new HashSet<>();
        migrations.forEach(m -> linted.add(m.key()));
        Schema s = graph.state(k -> !linted.contains(k)).schema();
        Set<String> fresh = new HashSet<>();
        List<LintFinding> out = new ArrayList<>();
        Engine e = engine.family();
        for (Migration m : migrations) {
            int i = 0;
            for (Operation op : m.operations()) {
                i++;
                check(m.key(), i, op, s, fresh, e, out);
                if (op instanceof CreateModel c) {
                    fresh.add(c.table().name());
                }
                s = op.apply(s);
            }
        }
        return out;
    }

    private static void check(MigrationKey k, int i, Operation op, Schema s, Set<String> fresh, Engine e,
                              List<LintFinding> out) {
        if (op instanceof AddField a && !fresh.contains(a.table()) && !a.column().nullable()
                && a.column().defaultValue() == null && !a.column().autoIncrement()) {
            out.add(new LintFinding(k, i, "add-not-null-column", "Adding NOT NULL column " + a.table() + "."
                    + a.column().name() + " without a default breaks inserts from the release still running.",
                    "expand/contract: add it nullable, backfill in batches, then set NOT NULL in a later migration "
                            + "(ExpandContract.addNotNullField)." + LOCK));
        } else if (op instanceof AddIndex a && !fresh.contains(a.table()) && e != Engine.SQLITE) {
            // engine fact: servers lock during DDL, SQLite has one writer anyway; the remedy is a capability
            boolean concurrently = Dialect.of(e).supports(Feature.CONCURRENT_INDEX);
            out.add(new LintFinding(k, i, "index-locks-table", "CREATE INDEX " + a.index().name() + " on " + a.table()
                    + (concurrently ? " blocks writes to the table while it builds."
                    : " may copy the table and block writes while it builds."),
                    concurrently
                            ? "create it with CREATE INDEX CONCURRENTLY in a RunSQL operation wrapped in "
                            + "SeparateDatabaseAndState with the AddIndex as state, in a migration of its own marked "
                            + "\"atomic\": false (CONCURRENTLY cannot run inside a transaction)."
                            : "create it with ALTER TABLE … ADD INDEX …, ALGORITHM=INPLACE, LOCK=NONE in a RunSQL "
                            + "operation wrapped in SeparateDatabaseAndState with the AddIndex as state." + LOCK));
        } else if (op instanceof AlterField a && !fresh.contains(a.table())) {
            Column old = s.require(a.table()).requireColumn(a.column().name());
            // engine fact: servers rewrite the table under a lock; SQLite rebuilds it with one writer anyway
            if (!old.type().equals(a.column().type()) && !widening(old.type(), a.column().type()) && e != Engine.SQLITE) {
                out.add(new LintFinding(k, i, "table-rewrite", "Changing " + a.table() + "." + old.name() + " from "
                        + old.type() + " to " + a.column().type() + " rewrites the whole table under an exclusive lock.",
                        "expand/contract: add a new column of the new type, backfill it in batches, switch the code to "
                                + "it, then drop the old column in a later release." + LOCK));
            }
            // engine fact: only PostgreSQL scans the table for SET NOT NULL and can skip the scan through a valid CHECK
            if (old.nullable() && !a.column().nullable() && e == Engine.POSTGRESQL) {
                out.add(new LintFinding(k, i, "set-not-null", "SET NOT NULL on " + a.table() + "." + old.name()
                        + " scans the whole table under an exclusive lock.",
                        "add CHECK (" + old.name() + " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later "
                                + "migration, then SET NOT NULL (PostgreSQL uses the valid check and skips the scan)."
                                + LOCK));
            }
        } else if ((op instanceof RemoveField || op instanceof RenameField || op instanceof RenameModel
                || op instanceof DeleteModel) && !fresh.contains(table(op))) {
            out.add(new LintFinding(k, i, "drop-or-rename-breaks-old-release", op.describe()
                    + " breaks the previous release, which still reads and writes it while the migration runs.",
                    "expand/contract: release code that no longer uses it first, then drop or rename it in a later "
                            + "migration (for a rename: add the new column, write both, backfill, switch reads, drop the "
                            + "old one)."));
        } else if (op instanceof AddConstraint a && a.constraint() instanceof ForeignKey f && e == Engine.POSTGRESQL
                && !fresh.contains(a.table())) {
            // engine fact: the NOT VALID / VALIDATE CONSTRAINT remedy exists only on PostgreSQL
            out.add(new LintFinding(k, i, "foreign-key-validates-inline", "Adding foreign key " + f.name() + " on "
                    + a.table() + " checks every row while blocking writes to both tables.",
                    "add it with NOT VALID in a RunSQL operation, then ALTER TABLE … VALIDATE CONSTRAINT in a later "
                            + "migration (wrap both in SeparateDatabaseAndState with the AddConstraint as state)." + LOCK));
        }
    }

    private static String table(Operation op) {
        if (op instanceof RemoveField r) {
            return r.table();
        }
        if (op instanceof RenameField r) {
            return r.table();
        }
        if (op instanceof RenameModel r) {
            return r.from();
        }
        return ((DeleteModel) op).table();
    }

    /** A VARCHAR made longer, or TEXT from VARCHAR: metadata-only on PostgreSQL and usually in place elsewhere. */
    private static boolean widening(ColumnType from, ColumnType to) {
        if (from.kind() == ColumnType.Kind.VARCHAR && to.kind() == ColumnType.Kind.VARCHAR) {
            return to.length() >= from.length();
        }
        return from.kind() == ColumnType.Kind.VARCHAR && to.kind() == ColumnType.Kind.TEXT;
    }
}
