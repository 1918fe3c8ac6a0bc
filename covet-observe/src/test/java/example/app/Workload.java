package example.app;

import io.covet.core.Database;
import io.covet.core.Row;

import java.util.List;

/** Application code outside Covet's packages, so that the slow-query log's caller is found here. */
public final class Workload {
    private Workload() {
    }

    /** Reads items by name. */
    public static List<Row> itemsNamed(Database db, String name) {
        return db.sql("SELECT id, name FROM item WHERE name = ?", name).tables(List.of("item")).list();
    }

    /** Adds an item. */
    public static int addItem(Database db, int id, String name) {
        return db.sql("INSERT INTO item (id, name) VALUES (?, ?)", id, name).tables(List.of("item")).execute();
    }
}
