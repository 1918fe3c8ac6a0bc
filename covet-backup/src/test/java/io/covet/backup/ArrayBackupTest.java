package io.covet.backup;

import io.covet.core.Database;
import io.covet.core.SqlArray;
import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL table of typed array columns (as migrations and the ORM create them, rows bound with
 * {@code createArrayOf}) backed up and restored into each engine: into PostgreSQL the same array types and values;
 * into MariaDB and SQLite a text column holding PostgreSQL's array text, which the restore report says.
 */
class ArrayBackupTest {
    @TempDir
    Path dir;

    private static final List<String> ARRAYS = List.of("tags", "codes", "scores", "prices", "refs", "flags", "days",
            "stamps", "instants", "times", "fixed");

    @AllEngines
    void typedArraysRestoreExactlyOnPostgresAndAsTheirTextElsewhere(Scratch target) throws Exception {
        try (Scratch source = Scratch.on(Engine.POSTGRESQL); BackupRepository repo = BackupRepository.open(dir.toString())) {
            Database db = source.db();
            Table post = Table.of("post", List.of(Column.of("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                    Column.nullable("tags", ColumnType.array(ColumnType.of(ColumnType.Kind.TEXT))),
                    Column.nullable("codes", ColumnType.array(ColumnType.varchar(20))),
                    Column.nullable("scores", ColumnType.array(ColumnType.of(ColumnType.Kind.INTEGER))),
                    Column.nullable("prices", ColumnType.array(ColumnType.decimal(8, 2))),
                    Column.nullable("refs", ColumnType.array(ColumnType.of(ColumnType.Kind.UUID))),
                    Column.nullable("flags", ColumnType.array(ColumnType.of(ColumnType.Kind.BOOLEAN))),
                    Column.nullable("days", ColumnType.array(ColumnType.of(ColumnType.Kind.DATE))),
                    Column.nullable("stamps", ColumnType.array(ColumnType.of(ColumnType.Kind.TIMESTAMP))),
                    Column.nullable("instants", ColumnType.array(ColumnType.of(ColumnType.Kind.TIMESTAMPTZ))),
                    Column.nullable("times", ColumnType.array(ColumnType.of(ColumnType.Kind.TIME))),
                    Column.nullable("fixed", ColumnType.array(ColumnType.fixedChar(3)))), List.of("id"));
            SchemaDdl.of(Engine.POSTGRESQL).createTable(post).forEach(sql -> db.sql(sql).execute());
            db.sql("INSERT INTO post VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    SqlArray.of("text", List.of("a", "b \"c\"", "{x}")), SqlArray.of("varchar", List.of("X1")),
                    SqlArray.of("int4", Arrays.asList(1, null, 3)),
                    SqlArray.of("numeric", List.of(new BigDecimal("1.50"))),
                    SqlArray.of("uuid", List.of(UUID.fromString("3634fd4b-664f-ca73-3931-49b478c9f887"))),
                    SqlArray.of("bool", List.of(true, false)),
                    SqlArray.of("date", Arrays.asList(LocalDate.of(2024, 3, 10), null, LocalDate.of(-5, 1, 1))),
                    SqlArray.of("timestamp", List.of(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 123_456_000))),
                    SqlArray.of("timestamptz", List.of(Instant.parse("2024-11-03T05:30:00.000001Z"),
                            Instant.parse("2024-11-03T06:30:00.999999Z"))),
                    SqlArray.of("time", List.of(LocalTime.of(23, 59, 59, 999_999_000))),
                    SqlArray.of("bpchar", List.of("ab", "xyz"))).execute();
            db.sql("INSERT INTO post (id, tags) VALUES (2, '{}')").execute();
            List<String> sourceTypes = types(db);
            List<String> sourceText = arraysAsText(db);

            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            RestoreReport r = Backups.restore(repo, b.id(), null, target.db(), false);
            Database t = target.db();
            if (target.engine() == Engine.POSTGRESQL) {
                assertThat(types(t)).isEqualTo(sourceTypes).contains("codes character varying(20)[]",
                        "days date[]", "stamps timestamp without time zone[]", "instants timestamp with time zone[]",
                        "times time without time zone[]", "fixed character(3)[]");
                assertThat(arraysAsText(t)).isEqualTo(sourceText);
                assertThat(r.warnings()).noneMatch(w -> w.contains("array text"));
                return;
            }
            // another engine: each array is text in PostgreSQL's array form, and the report says so
            String text = target.engine() == Engine.MARIADB ? "LONGTEXT" : "TEXT";
            for (String c : ARRAYS) {
                String nativeType = sourceTypes.stream().filter(x -> x.startsWith(c + " ")).findFirst().orElseThrow()
                        .substring(c.length() + 1);
                assertThat(r.warnings()).contains("column post." + c + " (" + nativeType + ") became " + text
                        + " holding PostgreSQL's array text, e.g. {1,2} or {a,\"b c\"}: "
                        + target.engine().displayName() + " has no arrays (a model reads it as a String, or convert "
                        + "it to a JSON column)");
            }
            assertThat(t.sql("SELECT " + String.join(", ", ARRAYS) + " FROM post ORDER BY id").list(rs -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= ARRAYS.size(); i++) {
                    sb.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                return sb.toString();
            })).isEqualTo(sourceText);
        }
    }

    private static List<String> types(Database db) {
        return db.sql("SELECT attname, format_type(atttypid, atttypmod) t FROM pg_attribute WHERE attrelid = "
                + "'post'::regclass AND attnum > 1 ORDER BY attnum").list(r -> r.getString(1) + " " + r.getString(2));
    }

    private static List<String> arraysAsText(Database db) {
        return db.sql("SELECT tags::text, codes::text, scores::text, prices::text, refs::text, flags::text, days::text, "
                + "stamps::text, instants::text, times::text, fixed::text FROM post ORDER BY id").list(rs -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= ARRAYS.size(); i++) {
                        sb.append(i > 1 ? " " : "").append(rs.getString(i));
                    }
                    return sb.toString();
                });
    }
}
