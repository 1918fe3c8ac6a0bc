package io.covet.backup.internal;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.covet.backup.internal.RestoreTables.exec;

/**
 * A MariaDB restore, whose DDL commits implicitly and so cannot be rolled back: the tables are built and loaded in
 * a staging database, moved into the target with one atomic {@code RENAME TABLE} (the replaced tables moved aside
 * into a trash database), then views and triggers are created in place; if one fails they are dropped and every
 * table moved back. The staging and trash databases are dropped at the end.
 */
final class MariaDbStaging {
    private final Manifest manifest;
    private final RestorePlan plan;
    private final RestoreTables writer;
    /** Whether the tables are recreated from the server's own {@code SHOW CREATE} text in the manifest. */
    private final boolean serverDdl;

    MariaDbStaging(Manifest manifest, RestorePlan plan, RestoreTables writer, boolean serverDdl) {
        this.manifest = manifest;
        this.plan = plan;
        this.writer = writer;
        this.serverDdl = serverDdl;
    }

    /**
     * Restores into {@code database}, replacing its tables {@code replaced} (clean), through a staging database
     * that is dropped at the end whatever happens.
     */
    Restorer.Result run(Connection c, Engine source, String database, List<String> replaced) throws SQLException {
        String suffix = "__covet_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        String base = database.length() > 40 ? database.substring(0, 40) : database;
        String stage = base + suffix;
        String trash = base + suffix + "_old";
        Dialect d = Dialect.of(Engine.MARIADB);
        Ddl ddl = new Ddl(source, Engine.MARIADB, stage);
        exec(c, "CREATE DATABASE " + d.quoteExisting(stage));
        boolean trashCreated = false;
        try {
            c.setAutoCommit(false);
            long rows;
            try {
                if (serverDdl) {
                    rows = fromServerDdl(c, stage, ddl);
                } else {
                    rows = writer.build(c, Engine.MARIADB, ddl);
                    writer.counters(c, Engine.MARIADB, ddl);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            StringBuilder rename = new StringBuilder("RENAME TABLE ");
            if (!replaced.isEmpty()) {
                exec(c, "CREATE DATABASE " + d.quoteExisting(trash));
                trashCreated = true;
                for (String t : replaced) {
                    rename.append(d.quoteExisting(database)).append('.').append(d.quoteExisting(t)).append(" TO ")
                            .append(d.quoteExisting(trash)).append('.').append(d.quoteExisting(t)).append(", ");
                }
            }
            StringBuilder back = new StringBuilder("RENAME TABLE ");
            for (int i = 0; i < plan.tables.size(); i++) {
                String t = plan.tables.get(i).name();
                rename.append(i == 0 ? "" : ", ").append(ddl.table(t)).append(" TO ")
                        .append(d.quoteExisting(database)).append('.').append(d.quoteExisting(t));
                back.append(i == 0 ? "" : ", ").append(d.quoteExisting(database)).append('.').append(d.quoteExisting(t))
                        .append(" TO ").append(ddl.table(t));
            }
            for (String t : replaced) {
                back.append(", ").append(d.quoteExisting(trash)).append('.').append(d.quoteExisting(t)).append(" TO ")
                        .append(d.quoteExisting(database)).append('.').append(d.quoteExisting(t));
            }
            exec(c, rename.toString()); // atomic: either every table moves or none does
            // Triggers cannot move between databases with their table, so views and triggers are created in place
            // now; if one fails, they are dropped and the tables moved back as they were.
            List<String> undo = new ArrayList<>();
            try {
                if (serverDdl) {
                    for (Manifest.ObjectDdl o : manifest.schemaDump().objects()) {
                        if (!o.kind().equals("TABLE")) {
                            undo.add(0, MariaDbSchemaDump.create(c, o));
                        }
                    }
                } else {
                    RestoreTables.createNatives(c, d, plan.natives, undo);
                }
            } catch (SQLException | RuntimeException e) {
                for (String u : undo) {
                    exec(c, u);
                }
                exec(c, back.toString());
                throw e;
            }
            return plan.result(rows, ddl);
        } finally {
            exec(c, "DROP DATABASE IF EXISTS " + d.quoteExisting(stage));
            if (trashCreated) {
                exec(c, "SET FOREIGN_KEY_CHECKS = 0");
                try {
                    exec(c, "DROP DATABASE IF EXISTS " + d.quoteExisting(trash));
                } finally {
                    exec(c, "SET FOREIGN_KEY_CHECKS = 1");
                }
            }
        }
    }

    /**
     * MariaDB from its own {@code SHOW CREATE} text: the tables exactly as the source had them (indexes, foreign
     * keys, table options, AUTO_INCREMENT position) are created in the staging database with foreign-key checks
     * off, loaded, and their secondary keys and foreign keys added after the rows ({@link MariaDbSchemaDump#deferKeys},
     * nobody sees the staging database in between); returns the rows.
     */
    private long fromServerDdl(Connection c, String stage, Ddl ddl) throws SQLException {
        String catalog = c.getCatalog();
        c.setCatalog(stage);
        exec(c, "SET FOREIGN_KEY_CHECKS = 0");
        try {
            List<String[]> after = new ArrayList<>(); // table, ALTER: every table's keys, then the foreign keys
            List<String[]> foreign = new ArrayList<>();
            for (Manifest.ObjectDdl o : manifest.schemaDump().objects()) {
                if (o.kind().equals("TABLE")) {
                    MariaDbSchemaDump.Split split = MariaDbSchemaDump.deferKeys(o.name(), o.sql());
                    try {
                        exec(c, split.create());
                    } catch (SQLException e) {
                        throw new SQLException("restoring table " + o.name() + " failed: " + e.getMessage(),
                                e.getSQLState(), e);
                    }
                    if (split.keys() != null) {
                        after.add(new String[] {o.name(), split.keys()});
                    }
                    if (split.foreignKeys() != null) {
                        foreign.add(new String[] {o.name(), split.foreignKeys()});
                    }
                }
            }
            long rows = writer.load(c, Engine.MARIADB, ddl);
            c.commit();
            after.addAll(foreign);
            for (String[] a : after) {
                try {
                    exec(c, a[1]);
                } catch (SQLException x) {
                    throw new SQLException("restoring the keys of table " + a[0] + " failed: " + x.getMessage(),
                            x.getSQLState(), x);
                }
            }
            return rows;
        } finally {
            exec(c, "SET FOREIGN_KEY_CHECKS = 1");
            c.setCatalog(catalog);
        }
    }
}
