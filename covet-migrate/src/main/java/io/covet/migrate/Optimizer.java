package io.covet.migrate;

import io.covet.schema.ForeignKey;
import io.covet.schema.Schema;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shortens an operation list without changing the schema it produces, for squashed migrations: a created table
 * absorbs later changes to it, a created-then-deleted table or an added-then-removed column disappears, successive
 * renames and alterations collapse into one.
 *
 * <p>Two operations are combined only when every operation between them leaves the tables both involve alone, and
 * never across {@link RunSql}, {@link RunJava} or {@link SeparateDatabaseAndState}, whose effects are unknown: a
 * data migration keeps seeing the schema it was written for. Combining continues until nothing changes.
 */
final class Optimizer {
    private Optimizer() {
    }

    /** The shortened list (the same list when nothing combines). */
    static List<Operation> optimize(List<Operation> operations) {
        List<Operation> ops = new ArrayList<>(operations);
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < ops.size(); i++) {
                if (tables(ops.get(i)) == null) {
                    continue;
                }
                for (int j = i + 1; j < ops.size(); j++) {
                    Operation b = ops.get(j);
                    if (tables(b) == null) {
                        continue outer;
                    }
                    Optional<List<Operation>> merged = reduce(ops.get(i), b);
                    if (merged.isPresent() && movesBackTo(ops, i, j)) {
                        ops.remove(j);
                        ops.remove(i);
                        ops.addAll(i, merged.get());
                        changed = true;
                        break outer;
                    }
                }
            }
        }
        return List.copyOf(ops);
    }

    /** Whether operation {@code j} can take effect at {@code i} instead: nothing between depends on it or it on them. */
    private static boolean movesBackTo(List<Operation> ops, int i, int j) {
        Operation b = ops.get(j);
        for (int k = i + 1; k < j; k++) {
            if (conflict(ops.get(k), b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code k} and {@code b} must keep their order: {@code k} changes a table {@code b} involves, or
     * {@code b} changes a table {@code k} involves — except that a foreign key of {@code k} only cares about the
     * columns it references, so adding, altering or renaming another column of its target, or changing the
     * target's indexes, does not matter to it.
     */
    static boolean conflict(Operation k, Operation b) {
        Set<String> kt = tables(k);
        Set<String> bt = tables(b);
        if (kt == null || bt == null || !disjoint(writes(k), bt)) {
            return true;
        }
        Set<String> bw = writes(b);
        if (disjoint(bw, kt)) {
            return false;
        }
        if (!disjoint(bw, writes(k))) {
            return true;
        }
        // k only references b's table through foreign keys.
        for (ForeignKey fk : references(k)) {
            if (!bw.contains(fk.refTable())) {
                continue;
            }
            String column = columnOf(b);
            boolean indexOnly = b instanceof AddIndex || b instanceof RemoveIndex
                    || b instanceof AddConstraint ac && !(ac.constraint() instanceof ForeignKey)
                    && !(ac.constraint() instanceof io.covet.schema.UniqueConstraint);
            if (!indexOnly && (column == null || fk.refColumns().contains(column)
                    || b instanceof RenameField r && fk.refColumns().contains(r.to()))) {
                return true;
            }
        }
        return false;
    }

    private static String columnOf(Operation op) {
        if (op instanceof AddField a) {
            return a.column().name();
        }
        if (op instanceof AlterField a) {
            return a.column().name();
        }
        if (op instanceof RemoveField r) {
            return r.column();
        }
        if (op instanceof RenameField r) {
            return r.from();
        }
        return null;
    }

    /** The tables whose definition the operation changes. */
    private static Set<String> writes(Operation op) {
        if (op instanceof CreateModel c) {
            return Set.of(c.table().name());
        }
        if (op instanceof AddConstraint a) {
            return Set.of(a.table());
        }
        Set<String> all = tables(op);
        return all == null ? Set.of() : all;
    }

    /** The foreign keys the operation declares toward other tables. */
    private static List<ForeignKey> references(Operation op) {
        if (op instanceof CreateModel c) {
            return c.table().foreignKeys().stream().filter(f -> !f.refTable().equals(c.table().name())).toList();
        }
        if (op instanceof AddConstraint a && a.constraint() instanceof ForeignKey f && !f.refTable().equals(a.table())) {
            return List.of(f);
        }
        return List.of();
    }

    /** The pair as zero or one operation, or empty when it cannot be combined. */
    static Optional<List<Operation>> reduce(Operation a, Operation b) {
        if (a instanceof CreateModel c) {
            return intoCreate(c, b);
        }
        if (a instanceof AddField add) {
            if (b instanceof RemoveField r && r.table().equals(add.table()) && r.column().equals(add.column().name())) {
                return Optional.of(List.of());
            }
            if (b instanceof AlterField alt && alt.table().equals(add.table())
                    && alt.column().name().equals(add.column().name())
                    && alt.column().type().equals(add.column().type())) {
                // Existing rows still need the value the original add gave them.
                var fill = add.oneOffDefault() != null ? add.oneOffDefault() : add.column().defaultValue();
                return Optional.of(List.of(new AddField(add.table(), alt.column(),
                        alt.column().nullable() || alt.column().defaultValue() != null ? null : fill)));
            }
            if (b instanceof RenameField ren && ren.table().equals(add.table()) && ren.from().equals(add.column().name())) {
                return Optional.of(List.of(new AddField(add.table(), add.column().withName(ren.to()),
                        add.oneOffDefault())));
            }
        }
        if (a instanceof AlterField x && b instanceof AlterField y && x.table().equals(y.table())
                && x.column().name().equals(y.column().name())) {
            return Optional.of(List.of(y));
        }
        if (a instanceof RenameField x && b instanceof RenameField y && x.table().equals(y.table())
                && x.to().equals(y.from())) {
            return Optional.of(x.from().equals(y.to()) ? List.of() : List.of(new RenameField(x.table(), x.from(), y.to())));
        }
        if (a instanceof RenameModel x && b instanceof RenameModel y && x.to().equals(y.from())) {
            return Optional.of(x.from().equals(y.to()) ? List.of() : List.of(new RenameModel(x.from(), y.to())));
        }
        if (a instanceof AddIndex x && b instanceof RemoveIndex y && x.table().equals(y.table())
                && x.index().name().equals(y.name())) {
            return Optional.of(List.of());
        }
        if (a instanceof AddConstraint x && b instanceof RemoveConstraint y && x.table().equals(y.table())
                && x.constraint().name().equals(y.name())) {
            return Optional.of(List.of());
        }
        return Optional.empty();
    }

    /** A change to a table just created becomes part of its creation; deleting it cancels both. */
    private static Optional<List<Operation>> intoCreate(CreateModel c, Operation b) {
        String name = c.table().name();
        if (b instanceof DeleteModel d && d.table().equals(name)) {
            return Optional.of(List.of());
        }
        boolean onThisTable = b instanceof AddField x && x.table().equals(name)
                || b instanceof RemoveField y && y.table().equals(name)
                || b instanceof AlterField z && z.table().equals(name)
                || b instanceof RenameField r && r.table().equals(name)
                || b instanceof AddIndex ai && ai.table().equals(name)
                || b instanceof RemoveIndex ri && ri.table().equals(name)
                || b instanceof AddConstraint ac && ac.table().equals(name)
                && !(ac.constraint() instanceof ForeignKey fk && !fk.refTable().equals(name))
                || b instanceof RemoveConstraint rc && rc.table().equals(name)
                || b instanceof AlterUniqueTogether u && u.table().equals(name)
                || b instanceof RenameModel m && m.from().equals(name);
        if (!onThisTable) {
            return Optional.empty();
        }
        try {
            Schema after = b.apply(Schema.of(List.of(c.table())));
            if (after.tables().size() != 1) {
                return Optional.empty();
            }
            Table t = after.tables().iterator().next();
            return Optional.of(List.of(new CreateModel(t)));
        } catch (IllegalArgumentException | MigrationException e) {
            return Optional.empty();
        }
    }

    /** The tables an operation reads or changes; null when unknown (raw SQL, Java code, split state). */
    static Set<String> tables(Operation op) {
        if (op instanceof RunSql || op instanceof RunJava || op instanceof SeparateDatabaseAndState) {
            return null;
        }
        Set<String> out = new HashSet<>();
        if (op instanceof CreateModel c) {
            out.add(c.table().name());
            c.table().foreignKeys().forEach(f -> out.add(f.refTable()));
        } else if (op instanceof RenameModel r) {
            out.add(r.from());
            out.add(r.to());
        } else if (op instanceof AddConstraint a) {
            out.add(a.table());
            if (a.constraint() instanceof ForeignKey f) {
                out.add(f.refTable());
            }
        } else if (op instanceof DeleteModel d) {
            out.add(d.table());
        } else if (op instanceof AddField a) {
            out.add(a.table());
        } else if (op instanceof RemoveField r) {
            out.add(r.table());
        } else if (op instanceof AlterField a) {
            out.add(a.table());
        } else if (op instanceof RenameField r) {
            out.add(r.table());
        } else if (op instanceof AddIndex a) {
            out.add(a.table());
        } else if (op instanceof RemoveIndex r) {
            out.add(r.table());
        } else if (op instanceof RemoveConstraint r) {
            out.add(r.table());
        } else if (op instanceof AlterUniqueTogether u) {
            out.add(u.table());
        } else {
            return null;
        }
        return out;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return false;
            }
        }
        return true;
    }
}
