package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.core.error.UnsupportedFeature;
import io.covet.schema.ForeignKey;
import io.covet.schema.HistoryTable;
import io.covet.schema.OnDelete;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB: InnoDB carries out a foreign key's {@code ON DELETE CASCADE} / {@code SET NULL} inside the storage engine,
 * where no trigger of the child table fires, so a tracked child's rows would change without a version. For each
 * such key of a tracked table this makes one {@code BEFORE DELETE} trigger on the referenced table that performs the
 * action itself with an ordinary statement ({@code DELETE FROM child WHERE fk = OLD.key}, or {@code UPDATE child SET
 * fk = NULL …}): the child's history triggers fire for those rows, and InnoDB's own action then finds nothing left
 * to do. A chain of tracked tables cascades level by level, since the child's delete fires its own such triggers.
 *
 * <p>{@code ON UPDATE} needs nothing: Covet declares no {@code ON UPDATE} action, so InnoDB refuses a key change
 * that children still point at. A key from a table to itself is refused: MariaDB does not let a trigger change the
 * table whose statement fired it (error 1442).
 */
final class MariaDbFkActionTriggers {
    private final Dialect d;

    MariaDbFkActionTriggers(Dialect d) {
        this.d = d;
    }

    /** Whether the engine itself changes {@code source}'s rows when the row {@code fk} references goes. */
    private static boolean acts(ForeignKey fk) {
        return fk.onDelete() == OnDelete.CASCADE || fk.onDelete() == OnDelete.SET_NULL;
    }

    /** The trigger on {@code fk}'s referenced table acting for {@code source}. */
    private static String name(String source, ForeignKey fk) {
        return HistoryTable.objectName(source, "_" + fk.name() + "_act");
    }

    /** The triggers for the acting keys of tracked {@code source}; refused for one referencing its own table. */
    List<String> create(Table source) {
        List<String> out = new ArrayList<>();
        for (ForeignKey fk : source.foreignKeys()) {
            if (!acts(fk)) {
                continue;
            }
            if (fk.refTable().equals(source.name())) {
                throw new UnsupportedFeature(d.engine(), "History of the rows a foreign key's ON DELETE "
                        + fk.onDelete().sql() + " changes in the table it belongs to (foreign key " + fk.name() + " of "
                        + source.name() + ", which references its own table: InnoDB fires no trigger for them and a "
                        + "trigger may not change the table that fired it)", "Let Covet act on the rows instead: "
                        + "@ForeignKey(onDelete = OnDelete." + fk.onDelete().name() + ") without a database rule "
                        + "(dbOnDelete = DEFAULT), so each row it deletes or changes is an ordinary write its history "
                        + "triggers record.");
            }
            List<String> match = new ArrayList<>();
            for (int i = 0; i < fk.columns().size(); i++) {
                match.add(d.quote(fk.columns().get(i)) + " = OLD." + d.quote(fk.refColumns().get(i)));
            }
            String where = " WHERE " + String.join(" AND ", match);
            String action = fk.onDelete() == OnDelete.CASCADE
                    ? "DELETE FROM " + d.quote(source.name()) + where
                    : "UPDATE " + d.quote(source.name()) + " SET " + String.join(", ", fk.columns().stream()
                    .map(c -> d.quote(c) + " = NULL").toList()) + where;
            out.add("CREATE TRIGGER " + d.quote(name(source.name(), fk)) + " BEFORE DELETE ON "
                    + d.quote(fk.refTable()) + " FOR EACH ROW " + action);
        }
        return out;
    }

    /** Drops what {@link #create} made for {@code source}; harmless when already gone. */
    List<String> drop(Table source) {
        return source.foreignKeys().stream().filter(MariaDbFkActionTriggers::acts)
                .map(fk -> "DROP TRIGGER IF EXISTS " + d.quote(name(source.name(), fk))).toList();
    }
}
