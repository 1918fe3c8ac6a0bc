package io.covet.backup;

import io.covet.backup.internal.Manifest;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static io.covet.backup.SchemaFidelityTest.fixture;
import static io.covet.backup.SchemaFidelityTest.mariadbDump;
import static io.covet.backup.SchemaFidelityTest.pgDump;
import static io.covet.backup.SchemaFidelityTest.run;
import static io.covet.backup.SchemaFidelityTest.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partitioned schemas beyond what {@code @Partitioned} models, backed up and restored into an empty database of the
 * same engine: PostgreSQL sub-partitions (three levels, LIST, HASH and DEFAULT under RANGE), keys that are
 * expressions ({@code date_trunc}, {@code lower}, a column with an expression), DEFAULT partitions, a partition
 * attached with its columns in another order, and indexes, a unique index, a check and a comment that belong to one
 * partition; MariaDB {@code SUBPARTITION BY HASH} and {@code KEY}, RANGE over {@code YEAR()} and
 * {@code TO_DAYS()}, {@code MAXVALUE}, multi-column {@code RANGE COLUMNS}, LIST over an expression with a DEFAULT
 * partition, {@code LINEAR HASH}. The engine's own schema dump of source and restored database is identical, every
 * table's row count and checksum equal, and each row is back in the partition it was in.
 */
class PartitionedSchemaFidelityTest {
    @TempDir
    Path dir;

    @Test
    void postgresqlPartitionTreesRestoreIdenticallyFromPgDump() throws Exception {
        postgresql(BackupOptions.SchemaSource.NATIVE_TOOL, "pg_dump 15");
    }

    @Test
    void postgresqlPartitionTreesRestoreIdenticallyFromCovetsCatalogReader() throws Exception {
        postgresql(BackupOptions.SchemaSource.CATALOG, "covet catalog (PostgreSQL 15");
    }

    /** Where each row lives: partition (the leaf table) and a row text, in one stable order. */
    private static final String PG_ROWS = "SELECT tableoid::regclass::text || ' ' || t::text FROM %s t ORDER BY 1";

    private void postgresql(BackupOptions.SchemaSource from, String source) throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.POSTGRESQL); FreshDatabase dst = new FreshDatabase(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            run(src.db(), fixture("partitioned-postgresql.sql"));
            BackupKey key = BackupKey.generate();
            BackupInfo b = Backups.create(src.db(), repo, BackupOptions.builder().key(key).schemaSource(from).build());
            assertThat(b.notCarried()).isEmpty();
            Manifest m = manifest(b.id());
            assertThat(m.schemaSource()).startsWith(source);
            // rows are read through the top parents only: a partition's rows are not carried twice
            assertThat(b.tables()).contains("shop.sale", "shop.event_log", "shop.account", "shop.reading")
                    .doesNotContain("shop.sale_2024", "shop.sale_2024_eu", "shop.sale_2025_h1_rest", "shop.sale_rest");
            assertThat(b.rows()).isEqualTo(4 + 10 + 3 + 3 + 3);

            RestoreReport r = Backups.restore(repo, b.id(), key, dst.db(), RestoreOptions.builder().build());
            assertThat(r.warnings()).isEmpty();
            assertThat(pgDump(dst)).isEqualTo(pgDump(src));
            assertSameData(repo, dst, m);
            for (String t : new String[] {"shop.sale", "shop.event_log", "shop.account", "shop.reading"}) {
                assertThat(strings(dst.db(), PG_ROWS.formatted(t))).as(t)
                        .isEqualTo(strings(src.db(), PG_ROWS.formatted(t))).isNotEmpty();
            }
            Database t = dst.db();
            assertThat(strings(t, "SELECT tableoid::regclass::text FROM shop.sale WHERE id IN (1, 3, 5, 6, 8, 10, 12) "
                    + "ORDER BY id")).containsExactly("shop.sale_2024_eu", "shop.sale_2024_other",
                    "shop.sale_2025_h1_eu", "shop.sale_2025_h1_rest", "shop.sale_rest", "shop.sale_2023",
                    "shop.sale_2025_h0");
            // what belongs to one partition came back working: its unique index, its check, the tree's key
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.sql("INSERT INTO shop.sale (id, region, "
                    + "sold_on, amount) VALUES (8, 'us', '2027-01-01', 1)").execute())
                    .hasMessageContaining("sale_rest_id");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.sql("INSERT INTO shop.sale (id, region, "
                    + "sold_on, amount) VALUES (11, 'us', '2031-01-01', 1)").execute())
                    .hasMessageContaining("sale_rest_old");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.sql("INSERT INTO shop.sale (id, region, "
                    + "sold_on, amount) VALUES (1, 'eu', '2024-03-01', 1)").execute())
                    .hasMessageContaining("duplicate key");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.sql("INSERT INTO shop.account VALUES "
                    + "('Ann', 'alice@example.com')").execute()).hasMessageContaining("account_a_email");
            t.sql("INSERT INTO shop.event_log VALUES ('2024-01-20 00:00:00', 'x', NULL)").execute();
            assertThat(strings(t, "SELECT count(*)::text FROM shop.event_log_2024_01")).containsExactly("3");
        }
    }

    @Test
    void mariadbSubpartitionsAndExpressionRangesRestoreIdentically() throws Exception {
        try (FreshDatabase src = new FreshDatabase(Engine.MARIADB); FreshDatabase dst = new FreshDatabase(Engine.MARIADB);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            run(src.db(), fixture("partitioned-mariadb.sql"));
            BackupInfo b = Backups.create(src.db(), repo, BackupOptions.defaults());
            Manifest m = manifest(b.id());
            assertThat(m.schemaSource()).startsWith("SHOW CREATE (MariaDB 10.11");
            assertThat(b.notCarried()).isEmpty();
            // what Covet's portable schema (used across engines) lacks is named in the manifest
            assertThat(m.notCarried()).contains("partitioning of sale (RANGE (year(`sold_on`)) SUBPARTITION BY HASH "
                    + "(`id`))", "partitioning of visit (LIST COLUMNS (`country`) SUBPARTITION BY KEY (`id`))",
                    "partitioning of blob_store (LINEAR HASH (`id`))");

            RestoreReport r = Backups.restore(repo, b.id(), null, dst.db(), RestoreOptions.builder().build());
            assertThat(r.warnings()).isEmpty();
            assertThat(mariadbDump(dst).replace(dst.name(), "DB")).isEqualTo(mariadbDump(src).replace(src.name(), "DB"));
            assertSameData(repo, dst, m);
            String parts = "SELECT CONCAT_WS(' ', TABLE_NAME, PARTITION_NAME, SUBPARTITION_NAME, TABLE_ROWS, "
                    + "PARTITION_DESCRIPTION, PARTITION_COMMENT) FROM information_schema.PARTITIONS "
                    + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1";
            for (FreshDatabase d : new FreshDatabase[] {src, dst}) {
                d.db().sql("ANALYZE TABLE sale, visit, ledger, metric, ticket, blob_store").list(x -> x.getString(1));
            }
            assertThat(strings(dst.db(), parts)).isEqualTo(strings(src.db(), parts)).hasSizeGreaterThan(15);
            Database t = dst.db();
            // each row is in the partition it was in (queried partition by partition)
            assertThat(strings(t, "SELECT GROUP_CONCAT(id ORDER BY id) FROM sale PARTITION (pmax)"))
                    .containsExactly("4,5");
            assertThat(strings(t, "SELECT GROUP_CONCAT(CONCAT(host, day) ORDER BY host) FROM metric PARTITION (m1)"))
                    .containsExactly("x10");
            assertThat(strings(t, "SELECT GROUP_CONCAT(id ORDER BY id) FROM ticket PARTITION (other)"))
                    .containsExactly("4");
            assertThat(strings(t, "SELECT GROUP_CONCAT(id ORDER BY id) FROM ledger PARTITION (p_max)"))
                    .containsExactly("3");
            t.sql("INSERT INTO sale (region, sold_on, amount) VALUES ('us', '2024-07-07', 9)").execute();
            assertThat(strings(t, "SELECT MAX(id) FROM sale")).containsExactly("6");
        }
    }

    /**
     * Into another engine the partitioned tables arrive as plain tables with every row, and the partitioning is
     * named as left behind, never dropped silently.
     */
    @Test
    void partitionedTablesRestoreIntoOtherEnginesAsPlainTablesWithEveryRow() throws Exception {
        for (Engine source : java.util.List.of(Engine.POSTGRESQL, Engine.MARIADB)) {
            try (FreshDatabase src = new FreshDatabase(source); BackupRepository repo = BackupRepository.open(
                    dir.resolve(source.scheme()).toString())) {
                run(src.db(), fixture(source == Engine.POSTGRESQL ? "partitioned-postgresql.sql"
                        : "partitioned-mariadb.sql"));
                BackupInfo b = Backups.create(src.db(), repo, BackupOptions.defaults());
                for (Engine target : java.util.List.of(Engine.POSTGRESQL, Engine.MARIADB, Engine.SQLITE)) {
                    if (target == source) {
                        continue;
                    }
                    try (FreshDatabase dst = new FreshDatabase(target)) {
                        RestoreReport r = Backups.restore(repo, b.id(), null, dst.db(),
                                RestoreOptions.builder().skipNativeObjects(true).build());
                        assertThat(r.rows()).as(source + " -> " + target).isEqualTo(b.rows());
                        assertThat(String.join("\n", r.warnings()) + String.join("\n", b.notCarried())
                                + String.join("\n", Manifest.fromJson(Files.readAllBytes(dir.resolve(source.scheme()
                                + "/backups/" + b.id() + "/manifest.json"))).notCarried()))
                                .as(source + " -> " + target)
                                .containsIgnoringCase("partition");
                        assertThat(strings(dst.db(), "SELECT COUNT(*) FROM sale")).as(source + " -> " + target)
                                .containsExactly(source == Engine.POSTGRESQL ? "10" : "5");
                    }
                }
            }
        }
    }

    /** Every table's row count and checksum in a backup of {@code dst} equals those of the source's backup. */
    private void assertSameData(BackupRepository repo, FreshDatabase dst, Manifest source) throws IOException {
        BackupInfo again = Backups.create(dst.db(), repo, BackupOptions.defaults());
        assertThat(checksums(manifest(again.id()))).isEqualTo(checksums(source)).isNotEmpty();
    }

    private static Map<String, String> checksums(Manifest m) {
        return m.tables().stream().collect(Collectors.toMap(Manifest.Table::displayName,
                t -> t.rows() + " " + t.checksum(), (a, b) -> a, LinkedHashMap::new));
    }

    private Manifest manifest(String id) throws IOException {
        return Manifest.fromJson(Files.readAllBytes(dir.resolve("backups/" + id + "/manifest.json")));
    }
}
