package io.covet.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.backup.BackupInfo;
import io.covet.backup.BackupOptions;
import io.covet.backup.BackupRepository;
import io.covet.backup.Backups;
import io.covet.core.Database;
import io.covet.examples.shop.Customer;
import io.covet.examples.shop.Download;
import io.covet.examples.shop.Fulfilment;
import io.covet.examples.shop.Fulfilment_;
import io.covet.examples.shop.Order;
import io.covet.examples.shop.OrderLine;
import io.covet.examples.shop.OrderLine_;
import io.covet.examples.shop.Product;
import io.covet.examples.shop.Shipment;
import io.covet.examples.shop.Shipment_;
import io.covet.examples.shop.Shop;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example shop's shipped migrations (0004 adds the multi-table {@code Fulfilment} hierarchy and the stored
 * generated {@code order_line.line_total}) from an empty database: the hierarchy saves and loads polymorphically,
 * the line total is the database's after insert and update, and a backup restored into an empty database of the
 * same engine holds the same data (rows compared, and the backups' data checksums of source and restored database
 * equal), with the generated values recomputed there rather than restored (the backup lists no generated column).
 */
class ShopInheritanceTest {
    private static final List<String> TABLES = List.of("customer", "product", "orders", "order_line", "fulfilment",
            "shipment", "download", "orders_history");

    @AllEngines
    void theShippedMigrationsCarryTheHierarchyAndTheLineTotalThroughABackup(Scratch s, @TempDir Path dir)
            throws Exception {
        Database db = s.db();
        List<Migration> shipped = MigrationFiles.load(Path.of("../examples/src/main/resources/db/migrations"));
        assertThat(shipped).extracting(Migration::name).contains("0004_fulfilment_line_total");
        Migrator migrator = Migrator.builder(db, shipped).build();
        migrator.migrate(Target.latest());
        assertThat(Drift.differences(db, migrator)).isEmpty();
        Orm orm = Shop.orm(db);
        assertThat(Autodetector.migrations(new MigrationGraph(shipped, Set.of()), OrmSchemaSource.of(orm),
                Questioner.nonInteractive(false))).isEmpty();

        Customer ada = orm.save(new Customer("ada@example.com", "Ada", "GB"));
        Product book = orm.save(new Product("book-1", "Book", new BigDecimal("12.50"), 10));
        Product ebook = orm.save(new Product("ebook-1", "E-book", new BigDecimal("7.25"), 0));
        Order order = orm.save(new Order(ada, Instant.parse("2024-05-01T10:00:00Z")).total(new BigDecimal("32.75")));

        // the generated line total: read back after the insert and after an update
        OrderLine books = orm.save(new OrderLine(order, book, 2));
        OrderLine ebooks = orm.save(new OrderLine(order, ebook, 1));
        assertThat(books.lineTotal()).isEqualByComparingTo("25.00");
        assertThat(ebooks.lineTotal()).isEqualByComparingTo("7.25");
        orm.save(books.quantity(3));
        assertThat(books.lineTotal()).isEqualByComparingTo("37.50");
        assertThat(db.sql("SELECT line_total FROM order_line WHERE id = ?", books.id())
                .list(rs -> rs.getBigDecimal(1))).singleElement().satisfies(v -> assertThat(v).isEqualByComparingTo("37.50"));
        assertThat(orm.objects(OrderLine_.TYPE).filter(OrderLine_.LINE_TOTAL.gt(new BigDecimal("10"))).count())
                .isEqualTo(1);

        // the hierarchy: each child writes its parent's row and its own; the parent's query returns the children
        Shipment parcel = orm.save(new Shipment(order, "TRACK-1", 850, "PostNord"));
        Download link = orm.save(new Download(order, "LIC-9", "https://example.com/d/9"));
        orm.save(new Fulfilment(order, "PICKUP"));
        assertThat(count(db, "fulfilment")).isEqualTo(3);
        assertThat(count(db, "shipment")).isEqualTo(1);
        assertThat(count(db, "download")).isEqualTo(1);
        List<Fulfilment> all = orm.objects(Fulfilment_.TYPE).orderBy(Fulfilment_.ID.asc()).listPolymorphic();
        assertThat(all).extracting(f -> f.getClass().getSimpleName())
                .containsExactly("Shipment", "Download", "Fulfilment");
        assertThat(((Shipment) all.get(0)).weightGrams()).isEqualTo(850);
        assertThat(((Download) all.get(1)).url()).isEqualTo("https://example.com/d/9");
        assertThat(orm.objects(Shipment_.TYPE).get(parcel.id()).reference()).isEqualTo("TRACK-1");
        orm.save(parcel.weightGrams(900));
        assertThat(db.sql("SELECT weight_grams FROM shipment WHERE fulfilment_ptr_id = ?", parcel.id())
                .list(rs -> rs.getInt(1))).containsExactly(900);
        assertThat(link.id()).isNotNull();

        // backup, then restore into an empty database of the same engine
        try (BackupRepository repo = BackupRepository.open(dir.toString());
             Scratch target = Scratch.on(s.engine())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            assertThat(b.tables()).containsAll(TABLES);
            Backups.restore(repo, b.id(), null, target.db(), false);
            for (String table : TABLES) {
                assertThat(rows(target.db(), table)).as(table).isEqualTo(rows(db, table));
            }
            // the backups' own data checksums agree, and neither carries the generated column's values
            BackupInfo again = Backups.create(target.db(), repo, BackupOptions.defaults());
            Map<String, JsonNode> source = tables(dir, b.id());
            Map<String, JsonNode> restoredTables = tables(dir, again.id());
            for (String table : TABLES) {
                assertThat(restoredTables.get(table).get("checksum").asText()).as(table).isNotBlank()
                        .isEqualTo(source.get(table).get("checksum").asText());
            }
            List<String> lineColumns = new ArrayList<>();
            source.get("order_line").get("columns").forEach(c -> lineColumns.add(c.get("name").asText()));
            assertThat(lineColumns).contains("quantity", "unit_price").doesNotContain("line_total");
            // generated in the restored database: a new line computes its total there
            target.db().sql("UPDATE order_line SET quantity = 4 WHERE id = ?", books.id()).execute();
            assertThat(target.db().sql("SELECT line_total FROM order_line WHERE id = ?", books.id())
                    .list(rs -> rs.getBigDecimal(1))).singleElement()
                    .satisfies(v -> assertThat(v).isEqualByComparingTo("50.00"));
            List<Fulfilment> restored = Shop.orm(target.db()).objects(Fulfilment_.TYPE)
                    .orderBy(Fulfilment_.ID.asc()).listPolymorphic();
            assertThat(restored).extracting(f -> f.getClass().getSimpleName())
                    .containsExactly("Shipment", "Download", "Fulfilment");
        }
    }

    /** The manifest's tables of backup {@code id}, by name. */
    private static Map<String, JsonNode> tables(Path dir, String id) throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("backups/" + id + "/manifest.json").toFile());
        Map<String, JsonNode> out = new HashMap<>();
        manifest.get("tables").forEach(t -> out.put(t.get("name").asText(), t));
        return out;
    }

    private static long count(Database db, String table) {
        return db.sql("SELECT COUNT(*) FROM " + table).list(rs -> rs.getLong(1)).get(0);
    }

    /** Every row of the table, sorted, each column as the driver's text: a checksum that shows any change. */
    private static List<String> rows(Database db, String table) {
        return db.sql("SELECT * FROM " + table).list(rs -> {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                cells.add(rs.getMetaData().getColumnLabel(i).toLowerCase() + "=" + rs.getString(i));
            }
            return String.join(",", cells);
        }).stream().sorted().toList();
    }
}
