package io.covet.schema.internal;

import io.covet.schema.SchemaScript.Section;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the readers of {@link PgCatalogScript} share: the connection (its search path emptied, so the server's
 * {@code pg_get_*def} functions and {@code format_type} qualify every name), the schemas read, the objects found so
 * far, which catalog row belongs to which of them (for {@code pg_depend}), the comments and the extensions' members.
 */
final class PgCatalog {
    /** One object of the script: its statements run together, in one section. */
    static final class Obj {
        final String key;
        Section section;
        final int priority;
        final String kind;
        final String name;
        final List<String[]> sql = new ArrayList<>();

        Obj(String key, Section section, int priority, String kind, String name) {
            this.key = key;
            this.section = section;
            this.priority = priority;
            this.kind = kind;
            this.name = name;
        }

        /** Adds a statement of another kind (a comment, an ALTER) to this object. */
        Obj add(String kind, String sql) {
            this.sql.add(new String[] {kind, sql});
            return this;
        }

        Obj add(String sql) {
            return add(kind, sql);
        }
    }

    final Connection c;
    /** The schemas read, as a PostgreSQL {@code oid[]} literal bound to every {@code ?} of a query. */
    final String namespaces;
    final Map<String, Obj> objects = new LinkedHashMap<>();
    /** {@code pg_class:16400} (a catalog row) → the key of the object that creates it. */
    final Map<String, String> owner = new HashMap<>();
    final List<String> notCarried = new ArrayList<>();
    /** Catalog rows ({@code pg_type:16400}) the script does not create → how they are named in messages. */
    final Map<String, String> missing = new HashMap<>();
    /** Dependencies pg_depend does not hold: {object key, catalog row or object key it must follow}. */
    final List<String[]> dependencies = new ArrayList<>();
    private final Set<String> extensionMembers = new HashSet<>();
    private final Map<String, String> comments = new HashMap<>();

    PgCatalog(Connection c, String namespaces) throws SQLException {
        this.c = c;
        this.namespaces = namespaces;
        for (String[] r : Rows.query(c, "SELECT classid::regclass::text, objid FROM pg_depend WHERE deptype = 'e'")) {
            extensionMembers.add(r[0] + ":" + r[1]);
        }
        for (String[] r : Rows.query(c, "SELECT classoid::regclass::text, objoid, objsubid, quote_literal(description) "
                + "FROM pg_description WHERE objoid >= 16384")) {
            comments.put(r[0] + ":" + r[1] + ":" + r[2], r[3]);
        }
    }

    /** Rows of a catalog query whose every {@code ?} is the {@code oid[]} of the schemas read. */
    List<String[]> rows(String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            long n = sql.chars().filter(ch -> ch == '?').count(); // the queries use no ? operator
            for (int i = 1; i <= n; i++) {
                ps.setString(i, namespaces);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[cols];
                    for (int i = 0; i < cols; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** Whether the catalog row belongs to an extension (created by its CREATE EXTENSION, so never written here). */
    boolean inExtension(String catalog, String oid) {
        return extensionMembers.contains(catalog + ":" + oid);
    }

    /** Records an object the script does not create: named in {@link #notCarried}, and refused where it is used. */
    void notCarried(String catalog, String oid, String name, String note) {
        notCarried.add(note);
        missing.put(catalog + ":" + oid, name);
    }

    /** A new object, owning its own catalog row. */
    Obj add(String catalog, String oid, Section section, int priority, String kind, String name) {
        String key = catalog + ":" + oid;
        Obj o = new Obj(key, section, priority, kind, name);
        objects.put(key, o);
        owner.put(key, key);
        return o;
    }

    /** Another catalog row created by {@code o}'s statements (a table's row type, a check written inside it). */
    void owns(Obj o, String catalog, String oid) {
        owner.put(catalog + ":" + oid, o.key);
    }

    /** Appends {@code COMMENT ON <target> IS '…'} to {@code o} when the catalog row has a comment. */
    void comment(Obj o, String catalog, String oid, int sub, String target) {
        String text = comments.get(catalog + ":" + oid + ":" + sub);
        if (text != null) {
            o.add("COMMENT", "COMMENT ON " + target + " IS " + text);
        }
    }

    /** A definition without its trailing semicolon and surrounding blanks. */
    static String strip(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }
}
