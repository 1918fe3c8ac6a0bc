package io.covet.schema.internal;

import io.covet.schema.SchemaScript.Section;
import io.covet.schema.internal.PgCatalog.Obj;

import java.sql.SQLException;
import java.util.Set;

/**
 * What is created after the rows: primary keys, unique and exclusion constraints, indexes (partition indexes
 * attached to their parent's), foreign keys, checks added {@code NOT VALID}, triggers, rules and extended
 * statistics; each from the server's own {@code pg_get_*def}.
 */
final class PgPostData {
    static final int CONSTRAINT = 10;
    static final int INDEX = 11;
    static final int FOREIGN_KEY = 13;
    static final int TRIGGER = 14;
    static final int RULE = 15;
    static final int STATISTICS = 16;

    private final PgCatalog cat;
    private final Set<String> excluded;

    PgPostData(PgCatalog cat, Set<String> excluded) {
        this.cat = cat;
        this.excluded = excluded;
    }

    void read() throws SQLException {
        constraints();
        indexes();
        triggers();
        rules();
        statistics();
    }

    private boolean skipped(String relation) {
        return excluded.contains(relation) || cat.inExtension("pg_class", relation);
    }

    private void constraints() throws SQLException {
        for (String[] r : cat.rows("SELECT co.oid, co.contype, quote_ident(co.conname), co.conrelid, "
                + "quote_ident(n.nspname) || '.' || quote_ident(c.relname), n.nspname || '.' || c.relname || '.' "
                + "|| co.conname, pg_get_constraintdef(co.oid), c.relkind, co.conparentid, co.conindid, "
                + "(SELECT quote_ident(pn.nspname) || '.' || quote_ident(pi.relname) FROM pg_inherits i "
                + "JOIN pg_class pi ON pi.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pi.relnamespace "
                + "WHERE i.inhrelid = co.conindid), (SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = co.conindid), "
                + "quote_ident(n.nspname) || '.' || quote_ident(ic.relname) "
                + "FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_class ic ON ic.oid = co.conindid WHERE c.relnamespace = ANY (?::oid[]) "
                + "AND (co.contype IN ('p', 'u', 'x') OR co.contype = 'f' AND co.conparentid = 0 "
                + "OR co.contype = 'c' AND co.conislocal AND NOT co.convalidated) ORDER BY co.oid")) {
            if (skipped(r[3])) {
                continue;
            }
            boolean fk = r[1].equals("f");
            // ONLY: a key of a partitioned table is attached to its partitions' keys one by one, as pg_dump does;
            // a foreign key of a partitioned table cannot be ONLY, it is cloned onto the partitions
            String table = (fk && r[7].equals("p") ? "ALTER TABLE " : "ALTER TABLE ONLY ") + r[4];
            Obj o = cat.add("pg_constraint", r[0], Section.POST_DATA, fk ? FOREIGN_KEY : CONSTRAINT,
                    fk ? "FK CONSTRAINT" : "CONSTRAINT", r[5])
                    .add(table + "\n    ADD CONSTRAINT " + r[2] + " " + r[6]);
            if (r[9] != null && !"0".equals(r[9]) && !fk) {
                cat.owns(o, "pg_class", r[9]);
                if (r[10] != null) {
                    o.add("INDEX ATTACH", "ALTER INDEX " + r[10] + " ATTACH PARTITION " + r[12]);
                    cat.dependencies.add(new String[] {o.key, "pg_class:" + r[11]});
                }
            }
            cat.comment(o, "pg_constraint", r[0], 0, "CONSTRAINT " + r[2] + " ON " + r[4]);
        }
    }

    private void indexes() throws SQLException {
        for (String[] r : cat.rows("SELECT i.indexrelid, i.indrelid, quote_ident(n.nspname) || '.' || quote_ident(ic.relname), "
                + "n.nspname || '.' || ic.relname, pg_get_indexdef(i.indexrelid), i.indisclustered, i.indisreplident, "
                + "quote_ident(n.nspname) || '.' || quote_ident(c.relname), "
                + "(SELECT quote_ident(pn.nspname) || '.' || quote_ident(pi.relname) FROM pg_inherits h "
                + "JOIN pg_class pi ON pi.oid = h.inhparent JOIN pg_namespace pn ON pn.oid = pi.relnamespace "
                + "WHERE h.inhrelid = i.indexrelid), (SELECT h.inhparent FROM pg_inherits h WHERE h.inhrelid = i.indexrelid), "
                + "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid "
                + "AND k.contype IN ('p', 'u', 'x')), i.indisvalid OR ic.relkind = 'I', c.relkind "
                + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relnamespace = ANY (?::oid[]) "
                + "AND c.relkind IN ('r', 'p', 'm') ORDER BY i.indexrelid")) {
            if (skipped(r[1])) {
                continue;
            }
            String table = "ALTER TABLE " + (r[12].equals("m") ? "" : "ONLY ") + r[7];
            String key = cat.owner.get("pg_class:" + r[0]);
            Obj o;
            if ("t".equals(r[10])) {
                o = key == null ? null : cat.objects.get(key); // the constraint that creates it
                if (o == null) {
                    continue;
                }
            } else if ("f".equals(r[11])) {
                cat.notCarried.add("index " + r[3] + " (invalid, a CREATE INDEX CONCURRENTLY that failed: Covet's "
                        + "catalog reader leaves it out, as pg_dump does; rebuild it with REINDEX)");
                continue;
            } else {
                o = cat.add("pg_class", r[0], Section.POST_DATA, INDEX, "INDEX", r[3]).add(r[4]);
                if (r[8] != null) {
                    o.add("INDEX ATTACH", "ALTER INDEX " + r[8] + " ATTACH PARTITION " + r[2]);
                    cat.dependencies.add(new String[] {o.key, "pg_class:" + r[9]});
                }
                cat.comment(o, "pg_class", r[0], 0, "INDEX " + r[2]);
            }
            if ("t".equals(r[5])) {
                o.add("CLUSTER", table + " CLUSTER ON " + r[2].substring(r[2].indexOf('.') + 1));
            }
            if ("t".equals(r[6])) {
                o.add("REPLICA IDENTITY", table + " REPLICA IDENTITY USING INDEX "
                        + r[2].substring(r[2].indexOf('.') + 1));
            }
        }
    }

    private void triggers() throws SQLException {
        for (String[] r : cat.rows("SELECT t.oid, t.tgrelid, quote_ident(t.tgname), n.nspname || '.' || c.relname "
                + "|| '.' || t.tgname, pg_get_triggerdef(t.oid), t.tgenabled, quote_ident(n.nspname) || '.' "
                + "|| quote_ident(c.relname), c.relkind FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relnamespace = ANY (?::oid[]) "
                + "AND NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY t.oid")) {
            if (skipped(r[1])) {
                continue;
            }
            Obj o = cat.add("pg_trigger", r[0], Section.POST_DATA, TRIGGER, "TRIGGER", r[3]).add(r[4]);
            String table = "ALTER " + (r[7].equals("v") ? "VIEW " : "TABLE ") + r[6];
            switch (r[5]) {
                case "D" -> o.add("TRIGGER STATE", table + " DISABLE TRIGGER " + r[2]);
                case "R" -> o.add("TRIGGER STATE", table + " ENABLE REPLICA TRIGGER " + r[2]);
                case "A" -> o.add("TRIGGER STATE", table + " ENABLE ALWAYS TRIGGER " + r[2]);
                default -> { }
            }
            cat.comment(o, "pg_trigger", r[0], 0, "TRIGGER " + r[2] + " ON " + r[6]);
        }
    }

    private void rules() throws SQLException {
        for (String[] r : cat.rows("SELECT r.oid, r.ev_class, quote_ident(r.rulename), n.nspname || '.' || c.relname "
                + "|| '.' || r.rulename, pg_get_ruledef(r.oid), r.ev_enabled, quote_ident(n.nspname) || '.' "
                + "|| quote_ident(c.relname) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relnamespace = ANY (?::oid[]) "
                + "AND r.rulename <> '_RETURN' ORDER BY r.oid")) {
            if (skipped(r[1])) {
                continue;
            }
            Obj o = cat.add("pg_rewrite", r[0], Section.POST_DATA, RULE, "RULE", r[3]).add(PgCatalog.strip(r[4]));
            if (!"O".equals(r[5])) {
                o.add("RULE STATE", "ALTER TABLE " + r[6] + switch (r[5]) {
                    case "D" -> " DISABLE RULE ";
                    case "R" -> " ENABLE REPLICA RULE ";
                    default -> " ENABLE ALWAYS RULE ";
                } + r[2]);
            }
            cat.comment(o, "pg_rewrite", r[0], 0, "RULE " + r[2] + " ON " + r[6]);
        }
    }

    private void statistics() throws SQLException {
        for (String[] r : cat.rows("SELECT s.oid, s.stxrelid, n.nspname || '.' || s.stxname, "
                + "pg_get_statisticsobjdef(s.oid), quote_ident(n.nspname) || '.' || quote_ident(s.stxname), "
                + "s.stxstattarget FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace "
                + "WHERE s.stxnamespace = ANY (?::oid[]) ORDER BY s.oid")) {
            if (skipped(r[1])) {
                continue;
            }
            Obj o = cat.add("pg_statistic_ext", r[0], Section.POST_DATA, STATISTICS, "STATISTICS", r[2]).add(r[3]);
            if (!"-1".equals(r[5])) {
                o.add("ALTER STATISTICS " + r[4] + " SET STATISTICS " + r[5]);
            }
            cat.comment(o, "pg_statistic_ext", r[0], 0, "STATISTICS " + r[4]);
        }
    }
}
