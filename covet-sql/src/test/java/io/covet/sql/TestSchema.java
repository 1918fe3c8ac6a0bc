package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.engine.Engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.covet.sql.Category.CATEGORY;
import static io.covet.sql.Items.ITEMS;
import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Products.PRODUCTS;
import static io.covet.sql.Users.USERS;

/** Creates the test tables on a scratch database (per-engine DDL) and fills them through the builder. */
final class TestSchema {
    private TestSchema() {
    }

    static void create(Database db) {
        Engine e = db.dialect().family();
        String bool = e == Engine.SQLITE ? "INTEGER NOT NULL DEFAULT 1" : "BOOLEAN NOT NULL DEFAULT TRUE";
        String json = e == Engine.POSTGRESQL ? "JSONB" : e == Engine.MARIADB ? "JSON" : "TEXT";
        // Exact comparison on MariaDB: its default collation equates look-alike and ignorable characters, and
        // PAD SPACE collations equate 'a' with 'a '.
        String longText = e == Engine.MARIADB ? "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin" : "TEXT";
        List<String> ddl = List.of(
                "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE, name VARCHAR(100), "
                        + "country VARCHAR(2), active " + bool + ")",
                "CREATE TABLE users_archive (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL)",
                "CREATE TABLE products (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, price DECIMAL(10,2))",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, total DECIMAL(10,2) NOT NULL, "
                        + "status VARCHAR(20) NOT NULL, created DATE NOT NULL)",
                "CREATE TABLE order_items (order_id BIGINT NOT NULL, product_id BIGINT NOT NULL, qty INTEGER NOT NULL, "
                        + "PRIMARY KEY (order_id, product_id))",
                "CREATE TABLE category (id BIGINT PRIMARY KEY, parent_id BIGINT, name VARCHAR(50) NOT NULL)",
                "CREATE TABLE events (id BIGINT PRIMARY KEY, kind VARCHAR(20) NOT NULL, data " + json + ")",
                "CREATE TABLE victims (id BIGINT PRIMARY KEY, name " + longText + ")");
        for (String sql : ddl) {
            db.sql(sql).execute();
        }
    }

    /** Creates the tables and inserts the standard rows (with multi-row INSERTs built by covet-sql). */
    static void seed(Database db) {
        create(db);
        Sql.insertInto(USERS).columns(USERS.ID, USERS.EMAIL, USERS.NAME, USERS.COUNTRY, USERS.ACTIVE)
                .values(1L, "ada@example.com", "Ada", "NO", true)
                .values(2L, "alan@example.com", "Alan", "GB", true)
                .values(3L, "grace@navy.mil", "Grace", "US", false)
                .values(4L, "linus@example.org", "Linus", "FI", true)
                .execute(db);
        Sql.insertInto(PRODUCTS).columns(PRODUCTS.ID, PRODUCTS.NAME, PRODUCTS.PRICE)
                .values(1L, "Widget", new BigDecimal("2.50"))
                .values(2L, "Gadget", new BigDecimal("10.00"))
                .values(3L, "Gizmo", new BigDecimal("7.25"))
                .execute(db);
        Sql.insertInto(ORDERS).columns(ORDERS.ID, ORDERS.USER_ID, ORDERS.TOTAL, ORDERS.STATUS, ORDERS.CREATED)
                .values(10L, 1L, new BigDecimal("12.50"), "paid", LocalDate.of(2024, 1, 5))
                .values(11L, 1L, new BigDecimal("10.00"), "open", LocalDate.of(2024, 2, 1))
                .values(12L, 2L, new BigDecimal("7.25"), "paid", LocalDate.of(2024, 2, 3))
                .values(13L, 3L, new BigDecimal("20.00"), "cancelled", LocalDate.of(2024, 3, 10))
                .execute(db);
        Sql.insertInto(ITEMS).columns(ITEMS.ORDER_ID, ITEMS.PRODUCT_ID, ITEMS.QTY)
                .values(10L, 1L, 1).values(10L, 2L, 1).values(11L, 2L, 1).values(12L, 3L, 1).values(13L, 2L, 2)
                .execute(db);
        // root(1) -> books(2) -> fiction(4) -> crime(6); root -> music(3) -> jazz(5)
        Sql.insertInto(CATEGORY).columns(CATEGORY.ID, CATEGORY.PARENT_ID, CATEGORY.NAME)
                .values(1L, null, "root").values(2L, 1L, "books").values(3L, 1L, "music")
                .values(4L, 2L, "fiction").values(5L, 3L, "jazz").values(6L, 4L, "crime")
                .execute(db);
    }
}
