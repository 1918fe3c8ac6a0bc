package io.covet.test.internal;

import io.covet.core.Database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Empties every table of a scratch database, for {@code Isolation.TRUNCATE}. */
final class Tables {
    private Tables() {
    }

    /**
     * Deletes every row of every table, referencing tables before referenced ones: a table whose delete is
     * refused by a foreign key is tried again after the others (DELETE rather than TRUNCATE: the same statement
     * on every engine, and it keeps foreign keys checked).
     */
    static void empty(Database db) {
        db.withConnection(c -> {
            List<String> left = tables(c);
            SQLException last = null;
            for (int pass = 0; pass <= left.size() && !left.isEmpty(); pass++) {
                List<String> again = new ArrayList<>();
                for (String t : left) {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("DELETE FROM " + db.dialect().quote(t));
                    } catch (SQLException e) {
                        last = e;
                        again.add(t);
                    }
                }
                left = again;
            }
            if (!left.isEmpty()) {
                throw new IllegalStateException("cannot empty the tables " + left + " between tests: "
                        + (last == null ? "" : last.getMessage()));
            }
            return null;
        });
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                // engine bookkeeping and the migration history (covet-migrate's default table) stay
                if (!lower.startsWith("sqlite_") && !lower.equals("covet_migrations")) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
