package io.covet.schema;

import io.covet.core.Database;
import io.covet.core.dialect.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The Chinook sample (a real third-party schema) introspects on every engine. */
class ChinookTest {
    static final Path DIR = io.covet.testing.Datasets.chinook();

    /** Loads Chinook into the scratch database and returns a Database on it. */
    static Database load(Scratch s) throws Exception {
        switch (s.engine()) {
            case SQLITE -> {
                Path tmp = Files.createTempDirectory("chinook");
                Path file = tmp.resolve("chinook.db");
                Files.copy(DIR.resolve("Chinook_Sqlite.sqlite"), file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                tmp.toFile().deleteOnExit();
                return Database.open("sqlite:" + file);
            }
            case POSTGRESQL -> run(s, script("Chinook_PostgreSql.sql"));
            default -> run(s, script("Chinook_MySql.sql"));
        }
        return s.db();
    }

    private static void run(Scratch s, List<String> statements) throws Exception {
        try (Connection c = s.rawConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** The script's statements without DROP/CREATE DATABASE, USE and {@code \c}. */
    static List<String> script(String name) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : Files.readAllLines(DIR.resolve(name))) {
            String l = line.strip().toUpperCase(Locale.ROOT);
            if (l.startsWith("DROP DATABASE") || l.startsWith("CREATE DATABASE") || l.startsWith("USE ")
                    || l.startsWith("\\C")) {
                continue;
            }
            cur.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String sql = cur.toString().strip();
                sql = sql.substring(0, sql.length() - 1).replaceAll("(?s)/\\*.*?\\*/", "").strip();
                if (!sql.isEmpty()) {
                    out.add(sql);
                }
                cur.setLength(0);
            }
        }
        return out;
    }

    @AllEngines
    void chinookIntrospectsWithItsKeysAndTypes(Scratch s) throws Exception {
        Database db = load(s);
        try {
            Schema schema = Introspector.read(db);
            assertThat(schema.tables()).hasSize(11);
            boolean pg = s.engine() == Engine.POSTGRESQL;
            Table track = schema.require(pg ? "track" : "Track");
            assertThat(track.primaryKey()).containsExactly(pg ? "track_id" : "TrackId");
            assertThat(track.foreignKeys()).extracting(ForeignKey::refTable)
                    .containsExactlyInAnyOrder(pg ? "album" : "Album", pg ? "genre" : "Genre",
                            pg ? "media_type" : "MediaType");
            assertThat(track.requireColumn(pg ? "name" : "Name").type()).isEqualTo(ColumnType.varchar(200));
            assertThat(track.requireColumn(pg ? "unit_price" : "UnitPrice").type()).isEqualTo(ColumnType.decimal(10, 2));
            assertThat(track.indexes()).isNotEmpty();
            for (Table t : schema.tables()) {
                assertThat(t.columns()).allSatisfy(c -> assertThat(c.type().kind()).isNotEqualTo(ColumnType.Kind.RAW));
            }
            // What was read renders back as valid DDL for the same engine.
            Schema again = Introspector.read(db);
            assertThat(again).isEqualTo(schema);
            SchemaDdl ddl = SchemaDdl.of(db.dialect());
            assertThat(ddl.createTable(track).get(0)).contains("FOREIGN KEY");
        } finally {
            if (s.engine() == Engine.SQLITE) {
                db.close();
            }
        }
    }
}
