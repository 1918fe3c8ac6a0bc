package io.covet.bench;

import io.covet.core.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The floors of {@code orm-polymorphic}: plain JDBC on the same pool reading every column of the same rows into
 * plain objects (no ORM), for the statement Covet sends, the statement Hibernate sends, and other query shapes, so
 * that the report says how much of each contender's time is the engine's and how much its own, and whether another
 * shape is materially cheaper on the engine.
 */
final class PolymorphicFloor {
    private PolymorphicFloor() {
    }

    /** A plain parent row. */
    static class Item {
        Long id;
        String title;
        int price;
    }

    /** A plain book. */
    static final class Book extends Item {
        int pages;
        String author;
    }

    /** A plain film. */
    static final class Film extends Item {
        int minutes;
    }

    /** A plain game. */
    static final class Game extends Item {
        int players;
    }

    private static final String JOINS = " FROM poly_item p LEFT JOIN poly_book b ON b.poly_item_ptr_id = p.id"
            + " LEFT JOIN poly_film f ON f.poly_item_ptr_id = p.id LEFT JOIN poly_game g ON g.poly_item_ptr_id = p.id";

    private static final String UNION_ALL =
            "SELECT p.id, p.title, p.price, 1, b.pages, b.author, CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)"
            + " FROM poly_item p"
            + " JOIN poly_book b ON b.poly_item_ptr_id = p.id"
            + " UNION ALL SELECT p.id, p.title, p.price, 2, NULL, NULL, f.minutes, NULL FROM poly_item p"
            + " JOIN poly_film f ON f.poly_item_ptr_id = p.id"
            + " UNION ALL SELECT p.id, p.title, p.price, 3, NULL, NULL, NULL, g.players FROM poly_item p"
            + " JOIN poly_game g ON g.poly_item_ptr_id = p.id"
            + " UNION ALL SELECT p.id, p.title, p.price, 0, NULL, NULL, NULL, NULL FROM poly_item p"
            + " WHERE NOT EXISTS (SELECT 1 FROM poly_book b WHERE b.poly_item_ptr_id = p.id)"
            + " AND NOT EXISTS (SELECT 1 FROM poly_film f WHERE f.poly_item_ptr_id = p.id)"
            + " AND NOT EXISTS (SELECT 1 FROM poly_game g WHERE g.poly_item_ptr_id = p.id) ORDER BY 1";

    /**
     * The floors by name: {@code covetSql} is the joined statement Covet sends for a filtered query (its unfiltered
     * one reads table by table, as {@code jdbc-parent-then-children} does) and {@code hibernateSql} Hibernate's
     * (captured from the run), read by column position as the contender reads them.
     */
    static Map<String, Supplier<List<?>>> floors(Database db, String covetSql, String hibernateSql) {
        Map<String, Supplier<List<?>>> out = new LinkedHashMap<>();
        out.put("jdbc-covet-joined-sql", () -> query(db, c -> covetShape(c, covetSql)));
        out.put("jdbc-hibernate-sql", () -> query(db, c -> hibernateShape(c, hibernateSql)));
        out.put("jdbc-union-all", () -> query(db, PolymorphicFloor::unionAll));
        out.put("jdbc-per-subclass-merge", () -> query(db, PolymorphicFloor::perSubclass));
        out.put("jdbc-parent-then-children", () -> query(db, c -> parentThenChildren(c, false)));
        out.put("jdbc-parent-then-joined-children", () -> query(db, c -> parentThenChildren(c, true)));
        return out;
    }

    private interface Reader {
        List<Item> read(Connection c) throws SQLException;
    }

    private static List<?> query(Database db, Reader r) {
        try (Connection c = db.dataSource().getConnection()) {
            return r.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Covet's joined statement: parent columns 1-3, book 4-5, film 6, game 7, then the CASE (1 book, 2 film, 3 game; the
     * numbers bound as parameters where Covet binds them).
     */
    private static List<Item> covetShape(Connection c, String sql) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= sql.chars().filter(ch -> ch == '?').count(); i++) {
                ps.setInt(i, i);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(child(rs, rs.getInt(8), 4, 6, 7));
                }
            }
        }
        return out;
    }

    /**
     * Hibernate's statement: {@code id, CASE, price, title, author, pages, minutes, players} (the order Hibernate
     * 7 sends; checked by the row counts of {@link PolymorphicWorkload}).
     */
    private static List<Item> hibernateShape(Connection c, String sql) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int kind = rs.getInt(2);
                Item o = switch (kind) {
                    case 1 -> {
                        Book b = new Book();
                        b.author = rs.getString(5);
                        b.pages = rs.getInt(6);
                        yield b;
                    }
                    case 2 -> {
                        Film f = new Film();
                        f.minutes = rs.getInt(7);
                        yield f;
                    }
                    case 3 -> {
                        Game g = new Game();
                        g.players = rs.getInt(8);
                        yield g;
                    }
                    default -> new Item();
                };
                o.id = rs.getLong(1);
                o.price = rs.getInt(3);
                o.title = rs.getString(4);
                out.add(o);
            }
        }
        return out;
    }

    private static List<Item> unionAll(Connection c) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(UNION_ALL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(child(rs, rs.getInt(4), 5, 7, 8));
            }
        }
        return out;
    }

    /** Parent columns 1-3, then the child's own columns where {@code kind} (1 book, 2 film, 3 game) says. */
    private static Item child(ResultSet rs, int kind, int book, int film, int game) throws SQLException {
        Item o = switch (kind) {
            case 1 -> {
                Book b = new Book();
                b.pages = rs.getInt(book);
                b.author = rs.getString(book + 1);
                yield b;
            }
            case 2 -> {
                Film f = new Film();
                f.minutes = rs.getInt(film);
                yield f;
            }
            case 3 -> {
                Game g = new Game();
                g.players = rs.getInt(game);
                yield g;
            }
            default -> new Item();
        };
        o.id = rs.getLong(1);
        o.title = rs.getString(2);
        o.price = rs.getInt(3);
        return o;
    }

    /** One INNER JOIN query per child and one for parent-only rows, each in key order, merged by key. */
    private static List<Item> perSubclass(Connection c) throws SQLException {
        List<List<Item>> parts = new ArrayList<>();
        parts.add(read(c, "SELECT p.id, p.title, p.price, b.pages, b.author FROM poly_item p JOIN poly_book b"
                + " ON b.poly_item_ptr_id = p.id ORDER BY p.id", 1));
        parts.add(read(c, "SELECT p.id, p.title, p.price, f.minutes FROM poly_item p JOIN poly_film f"
                + " ON f.poly_item_ptr_id = p.id ORDER BY p.id", 2));
        parts.add(read(c, "SELECT p.id, p.title, p.price, g.players FROM poly_item p JOIN poly_game g"
                + " ON g.poly_item_ptr_id = p.id ORDER BY p.id", 3));
        parts.add(read(c, "SELECT p.id, p.title, p.price" + JOINS
                + " WHERE b.poly_item_ptr_id IS NULL AND f.poly_item_ptr_id IS NULL AND g.poly_item_ptr_id IS NULL"
                + " ORDER BY p.id", 0));
        int total = 0;
        for (List<Item> p : parts) {
            total += p.size();
        }
        List<Item> out = new ArrayList<>(total);
        int[] at = new int[parts.size()];
        for (int i = 0; i < total; i++) {
            int best = -1;
            for (int k = 0; k < parts.size(); k++) {
                if (at[k] < parts.get(k).size() && (best < 0
                        || parts.get(k).get(at[k]).id < parts.get(best).get(at[best]).id)) {
                    best = k;
                }
            }
            out.add(parts.get(best).get(at[best]++));
        }
        return out;
    }

    private static List<Item> read(Connection c, String sql, int kind) throws SQLException {
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(child(rs, kind, 4, 4, 4));
            }
        }
        return out;
    }

    /**
     * The parent's rows in order (with no child columns), then each child's own columns by key, as Django loads
     * children: four statements, the children's rows matched to the parent's by a hash of the key. {@code joined}:
     * each child's statement joins the parent's table, as it must to apply a filter on the parent's columns (the
     * unjoined form is only right for an unfiltered query).
     */
    private static List<Item> parentThenChildren(Connection c, boolean joined) throws SQLException {
        Map<Long, Object[]> own = new HashMap<>();
        String join = joined ? " JOIN poly_item p ON p.id = c.poly_item_ptr_id" : "";
        ownColumns(c, "SELECT c.poly_item_ptr_id, c.pages, c.author FROM poly_book c" + join, 1, own);
        ownColumns(c, "SELECT c.poly_item_ptr_id, c.minutes FROM poly_film c" + join, 2, own);
        ownColumns(c, "SELECT c.poly_item_ptr_id, c.players FROM poly_game c" + join, 3, own);
        List<Item> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, price FROM poly_item ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                Object[] v = own.get(id);
                Item o;
                if (v == null) {
                    o = new Item();
                } else if ((int) v[0] == 1) {
                    Book b = new Book();
                    b.pages = (Integer) v[1];
                    b.author = (String) v[2];
                    o = b;
                } else if ((int) v[0] == 2) {
                    Film f = new Film();
                    f.minutes = (Integer) v[1];
                    o = f;
                } else {
                    Game g = new Game();
                    g.players = (Integer) v[1];
                    o = g;
                }
                o.id = id;
                o.title = rs.getString(2);
                o.price = rs.getInt(3);
                out.add(o);
            }
        }
        return out;
    }

    private static void ownColumns(Connection c, String sql, int kind, Map<Long, Object[]> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] v = new Object[n];
                v[0] = kind;
                for (int i = 2; i <= n; i++) {
                    v[i - 1] = i == 3 ? rs.getString(i) : (Object) rs.getInt(i);
                }
                into.put(rs.getLong(1), v);
            }
        }
    }
}
