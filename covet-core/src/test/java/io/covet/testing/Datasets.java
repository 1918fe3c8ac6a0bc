package io.covet.testing;

import io.covet.core.Database;
import io.covet.core.engine.Engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the third-party sample databases ({@code shared/datasets}, beside the repository's root in a checkout
 * and in CI). {@code -Dcovet.datasets=DIR} or {@code COVET_DATASETS} point elsewhere.
 */
public final class Datasets {
    private Datasets() {
    }

    /** The Chinook directory ({@code Chinook_PostgreSql.sql}, {@code Chinook_MySql.sql}, {@code Chinook_Sqlite.sqlite} …). */
    public static Path chinook() {
        return root().resolve("chinook");
    }

    /**
     * Chinook loaded into the scratch database (the engine's own script; for SQLite a copy of the shipped file),
     * opened as a new {@link Database} that the caller closes. The scratch database is dropped as usual.
     */
    public static Database loadChinook(Scratch s) throws Exception {
        if (s.engine() == Engine.SQLITE) {
            Path dir = Files.createTempDirectory("chinook");
            Path file = dir.resolve("chinook.db");
            Files.copy(chinook().resolve("Chinook_Sqlite.sqlite"), file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return Database.open("sqlite:" + file);
        }
        try (Connection c = s.rawConnection(); Statement st = c.createStatement()) {
            for (String sql : chinookScript(s.engine() == Engine.POSTGRESQL ? "Chinook_PostgreSql.sql"
                    : "Chinook_MySql.sql")) {
                st.execute(sql);
            }
        }
        return s.open(b -> b);
    }

    /** The statements of a Chinook script, without DROP/CREATE DATABASE, USE and {@code \c}. */
    public static List<String> chinookScript(String name) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : Files.readAllLines(chinook().resolve(name))) {
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

    /** The datasets directory. */
    public static Path root() {
        String configured = System.getProperty("covet.datasets", System.getenv("COVET_DATASETS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate.resolve("chinook"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find shared/datasets above " + Path.of("").toAbsolutePath()
                + "; set -Dcovet.datasets=DIR or COVET_DATASETS");
    }
}
