package io.covet.backup;

import io.covet.backup.internal.Bytes;
import io.covet.backup.internal.ChunkCodec;
import io.covet.backup.internal.Manifest;
import io.covet.backup.internal.RowCodec;
import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive's values do not depend on how they were read, and older manifests still restore. */
class ArchiveFormatTest {
    @TempDir
    Path dir;

    /**
     * Every portable type with edge values, read through PostgreSQL's binary COPY; table t has only types that
     * restore through binary COPY too, other_types the ones that go through text.
     */
    static void types(Database db) {
        db.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, s SMALLINT, b BIGINT, d NUMERIC(20, 4), n NUMERIC, "
                + "r REAL, f DOUBLE PRECISION, ok BOOLEAN, c CHAR(5), v VARCHAR(20), x TEXT, bin BYTEA, day DATE, "
                + "tm TIME, ts TIMESTAMP, tz TIMESTAMPTZ, u UUID, j JSONB, js JSON)").execute();
        db.sql("INSERT INTO t VALUES (1, -32768, 9223372036854775807, -12345678901234.5000, 0.000001000, "
                + "3.25, -1.5e300, TRUE, 'ab', 'été ✓', E'line\\nbreak\\ttab\\\\', '\\x00ff10', '1999-12-31', "
                + "'23:59:59.999999', '1970-01-01 00:00:00.000001', '1969-07-20 20:17:40+02', "
                + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": [1, 2]}', '[1,  2]'), "
                + "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                + "NULL, NULL, NULL), "
                + "(3, 0, -1, 0, 1, 'Infinity', 'NaN', FALSE, '     ', '', '', '', '2000-02-29', "
                + "'24:00:00', '1900-01-01 00:00:00', '2100-01-01 00:00:00+00', NULL, 'null', 'null'), "
                + "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'infinity', NULL, "
                + "'-infinity', 'infinity', NULL, NULL, NULL), "
                + "(5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-infinity', NULL, "
                + "'infinity', '-infinity', NULL, NULL, NULL)").execute();
        String[] numerics = {"0", "0.0", "1", "-1", "9999", "10000", "0.0001", "0.00001", "-0.5", "100000000",
                "1.10", "123456789.123456789", "100000000000000000000", "12345678901234567890.123456789",
                "-0.000000000000000001", "9007199254740991", "9007199254740992.5", "576460752303423488", "99999999.99990000"};
        for (int i = 0; i < numerics.length; i++) {
            db.sql("INSERT INTO t (id, n, d) VALUES (?, " + numerics[i] + ", " + (i % 3 == 0 ? "1.5" : "NULL") + ")",
                    100 + i).execute();
        }
        db.sql("CREATE TABLE other_types (id INTEGER PRIMARY KEY, arr INTEGER[], ip INET, iv INTERVAL, m MONEY, "
                + "bt BIT(3), ttz TIMETZ)").execute();
        db.sql("INSERT INTO other_types VALUES (1, '{1,NULL,3}', '10.0.0.1/8', '1 day 02:03', 12.5, B'101', "
                + "'10:00+02'), (2, '{}', '::1', NULL, NULL, NULL, NULL)").execute();
    }

    @Test
    void postgresCopyReadsTheSameValuesAsJdbcAndBinaryCopyWritesThemBack() throws Exception {
        try (Scratch s = Scratch.on(Engine.POSTGRESQL); Scratch scratch = Scratch.on(Engine.POSTGRESQL);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            types(s.db());
            BackupInfo b = Backups.create(s.db(), repo, BackupOptions.defaults());
            // The test restore reads every row back over JDBC and compares its checksum with the COPY-made one.
            assertThat(Backups.verify(repo, b.id(), null, VerifyReport.Mode.RESTORE, scratch.url()).problems()).isEmpty();
            Backups.restore(repo, b.id(), null, scratch.db(), false);
            for (String table : List.of("t", "other_types")) {
                String all = "SELECT x::text FROM " + table + " x ORDER BY id";
                assertThat(scratch.db().sql(all).list(rs -> rs.getString(1)))
                        .isEqualTo(s.db().sql(all).list(rs -> rs.getString(1)));
            }
        }
    }

    /** Rewrites a version-2 backup as version 1 wrote it: rows one after the other, format covet-backup/1. */
    private static void downgrade(Path repoDir, String id, BackupKey key) throws Exception {
        Path base = repoDir.resolve("backups/" + id);
        Manifest m = Manifest.fromJson(Files.readAllBytes(base.resolve("manifest.json")));
        ChunkCodec codec = new ChunkCodec(key.bytes(), 3);
        List<Manifest.Table> tables = new ArrayList<>();
        for (Manifest.Table t : m.tables()) {
            List<Manifest.Chunk> chunks = new ArrayList<>();
            for (Manifest.Chunk c : t.chunks()) {
                Path file = base.resolve(c.name());
                byte[] plain = codec.open(Files.readAllBytes(file), c.plainBytes(), id + "/" + c.name());
                int n = t.columns().size();
                Bytes.Source[] cols = new Bytes.Source[n];
                int at = 4 + 4 * n;
                int[] len = new int[n];
                byte[] lengths = java.util.Arrays.copyOfRange(plain, 4, 4 + 4 * n);
                for (int i = 0; i < n; i++) {
                    len[i] = java.nio.ByteBuffer.wrap(lengths, 4 * i, 4).getInt();
                    cols[i] = new Bytes.Source(plain, at, at + len[i]);
                    at += len[i];
                }
                Bytes.Sink rows = new Bytes.Sink(plain.length);
                for (long r = 0; r < c.rows(); r++) {
                    for (Bytes.Source col : cols) {
                        RowCodec.write(rows, RowCodec.read(col));
                    }
                }
                byte[] sealed = codec.seal(rows.array(), rows.size(), id + "/" + c.name());
                Files.delete(file);
                Files.write(file, sealed);
                chunks.add(new Manifest.Chunk(c.name(), c.rows(), rows.size(), sealed.length, ChunkCodec.sha256(sealed)));
            }
            tables.add(new Manifest.Table(t.name(), t.columns(), t.primaryKey(), t.indexes(), List.of(), t.foreignKeys(),
                    t.autoIncrement(), t.rows(), t.checksum(), chunks));
        }
        Manifest old = new Manifest("covet-backup/1", m.id(), m.createdAt(), m.engine(), m.serverVersion(),
                m.covetVersion(), m.snapshot(), m.compression(), m.encryption(), tables, null);
        byte[] json = new String(old.toJson(), StandardCharsets.UTF_8)
                .replaceAll(",\\s*\"nativeObjects\"\\s*:\\s*\\[\\s*]", "").getBytes(StandardCharsets.UTF_8);
        Files.delete(base.resolve("manifest.json"));
        Files.write(base.resolve("manifest.json"), json);
        Files.delete(base.resolve("manifest.sig"));
        Files.writeString(base.resolve("manifest.sig"), Backups.signature(json, key.bytes()));
    }

    @Test
    void aVersionOneBackupStillVerifiesAndRestores() throws Exception {
        BackupKey key = BackupKey.generate();
        try (Scratch s = Scratch.on(Engine.SQLITE); Scratch target = Scratch.on(Engine.SQLITE);
             BackupRepository repo = BackupRepository.open(dir.toString())) {
            Shop.create(s.db());
            Shop.fill(s.db(), 30);
            BackupInfo b = Backups.create(s.db(), repo, BackupOptions.builder().key(key).chunkBytes(64 << 10).build());
            downgrade(dir, b.id(), key);
            assertThat(Files.readString(dir.resolve("backups/" + b.id() + "/manifest.json")))
                    .contains("\"covet-backup/1\"").doesNotContain("nativeObjects");

            assertThat(Backups.verify(repo, b.id(), key, VerifyReport.Mode.RESTORE).problems()).isEmpty();
            Backups.restore(repo, b.id(), key, target.db(), false);
            assertThat(Shop.snapshot(target.db())).isEqualTo(Shop.snapshot(s.db()));
        }
    }

    @io.covet.testing.AllEngines
    void foreignKeysKeepBothRules(Scratch s) throws Exception {
        Database db = s.db();
        db.sql("CREATE TABLE parent (code VARCHAR(10) PRIMARY KEY)").execute();
        db.sql("CREATE TABLE child (id INTEGER PRIMARY KEY, code VARCHAR(10), CONSTRAINT child_parent FOREIGN KEY (code) "
                + "REFERENCES parent (code) ON DELETE SET NULL ON UPDATE CASCADE)").execute();
        db.sql("INSERT INTO parent VALUES ('a'), ('b')").execute();
        db.sql("INSERT INTO child VALUES (1, 'a'), (2, 'b')").execute();
        try (BackupRepository repo = BackupRepository.open(dir.toString()); Scratch target = Scratch.on(s.engine())) {
            BackupInfo b = Backups.create(db, repo, BackupOptions.defaults());
            assertThat(Files.readString(dir.resolve("backups/" + b.id() + "/manifest.json")))
                    .contains("\"onDelete\" : \"SET NULL\"", "\"onUpdate\" : \"CASCADE\"");
            Backups.restore(repo, b.id(), null, target.db(), false);
            Database t = target.db();
            t.sql("UPDATE parent SET code = 'z' WHERE code = 'a'").execute();
            t.sql("DELETE FROM parent WHERE code = 'b'").execute();
            assertThat(t.sql("SELECT id, code FROM child ORDER BY id").list(rs -> rs.getInt(1) + "=" + rs.getString(2)))
                    .containsExactly("1=z", "2=null");
        }
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheFormatsThisCovetReads() throws Exception {
        BackupKey key = BackupKey.generate();
        try (Scratch s = Scratch.on(Engine.SQLITE); BackupRepository repo = BackupRepository.open(dir.toString())) {
            Shop.create(s.db());
            BackupInfo b = Backups.create(s.db(), repo, BackupOptions.builder().key(key).build());
            Path manifest = dir.resolve("backups/" + b.id() + "/manifest.json");
            byte[] json = Files.readString(manifest).replace("covet-backup/3", "covet-backup/9")
                    .getBytes(StandardCharsets.UTF_8);
            Files.delete(manifest);
            Files.write(manifest, json);
            Path sig = dir.resolve("backups/" + b.id() + "/manifest.sig");
            Files.delete(sig);
            Files.writeString(sig, Backups.signature(json, key.bytes()));
            try (Scratch target = Scratch.on(Engine.SQLITE)) {
                assertThatThrownBy(() -> Backups.restore(repo, b.id(), key, target.db(), false))
                        .isInstanceOf(BackupException.class)
                        .hasMessageContaining("format covet-backup/9")
                        .hasMessageContaining("covet-backup/1, covet-backup/2 and covet-backup/3")
                        .satisfies(e -> assertThat(((BackupException) e).reason()).isEqualTo(BackupException.Reason.INVALID));
                assertThat(target.db().sql("SELECT COUNT(*) FROM sqlite_master").list(rs -> rs.getLong(1)))
                        .containsExactly(0L);
            }
        }
    }
}
