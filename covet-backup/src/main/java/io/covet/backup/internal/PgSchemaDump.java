package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.SchemaDump;
import io.covet.backup.internal.Manifest.Script;
import io.covet.backup.internal.Manifest.Sequence;
import io.covet.core.DatabaseUrl;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * PostgreSQL's schema as {@code pg_dump --schema-only} writes it, taken inside the backup's exported snapshot
 * (its {@code --section=pre-data} and {@code --section=post-data} halves, as pgcopydb does), and replayed around
 * Covet's own data load on restore into PostgreSQL. When pg_dump is not installed or fails, the backup falls back to
 * Covet's own schema reader and says so in the manifest's {@code schemaSource}.
 */
public final class PgSchemaDump {
    private static final Pattern SET = Pattern.compile("(?is)^SET\\s+(\\w+)\\s*=.*");
    private static final Pattern SET_CONFIG = Pattern.compile("(?is)^SELECT\\s+pg_catalog\\.set_config\\(.*");
    private static final Pattern CREATE_SCHEMA = Pattern.compile("(?is)^CREATE\\s+SCHEMA\\s+(?!IF\\s)");
    private static final Pattern SCHEMA_ITSELF = Pattern.compile("(?is)^(CREATE|ALTER|COMMENT\\s+ON)\\s+SCHEMA\\s.*");

    /** What {@link #take} produced: the dump (null when none) and the manifest's {@code schemaSource}. */
    public record Taken(SchemaDump dump, String source) {
    }

    private PgSchemaDump() {
    }

    /** The pg_dump on the PATH, or null. */
    static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "pg_dump");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Whether a schema dump can be attempted at all (pg_dump is installed). */
    public static boolean available() {
        return find() != null;
    }

    /**
     * Runs pg_dump twice inside {@code snapshot} and stores both scripts sealed like chunks.
     *
     * @param schemas     the schemas to dump, or empty for the whole database (extensions included)
     * @param current     the connection's current schema when the backup holds it alone (its tables are
     *                    unqualified), else null
     * @param excluded    relations left out, {@code schema.name}
     */
    public static Taken take(Connection c, DatabaseUrl url, String snapshot, List<String> schemas, String current,
                             List<String> excluded, Storage storage, ChunkCodec codec, String backupId)
            throws SQLException {
        Path pgDump = find();
        if (pgDump == null) {
            return new Taken(null, "covet (pg_dump is not installed)");
        }
        if (url == null || snapshot == null) {
            return new Taken(null, "covet (no connection URL or snapshot for pg_dump)");
        }
        String version;
        byte[] pre;
        byte[] post;
        try {
            List<String> args = new ArrayList<>(List.of(pgDump.toString(), "--schema-only", "--no-owner",
                    "--no-privileges", "--no-tablespaces", "--no-security-labels", "--no-subscriptions",
                    "--no-publications", "--snapshot=" + snapshot));
            url.host().ifPresent(h -> args.add("--host=" + h));
            if (url.host().isPresent()) {
                args.add("--port=" + url.port());
            }
            url.user().ifPresent(u -> args.add("--username=" + u));
            args.add("--no-password");
            for (String s : schemas) {
                args.add("--schema=" + pattern(s));
            }
            for (String x : excluded) {
                int dot = x.indexOf('.');
                args.add("--exclude-table=" + pattern(x.substring(0, dot)) + "." + pattern(x.substring(dot + 1)));
            }
            args.add("--dbname=" + url.database());
            version = new String(run(List.of(pgDump.toString(), "--version"), null), StandardCharsets.UTF_8).strip();
            pre = run(with(args, "--section=pre-data"), url.password().orElse(null));
            post = run(with(args, "--section=post-data"), url.password().orElse(null));
        } catch (IOException e) {
            return new Taken(null, "covet (pg_dump failed: " + e.getMessage() + ")");
        }
        try {
            Script preScript = store(storage, codec, backupId, "schema/pre-data.sql", pre);
            Script postScript = store(storage, codec, backupId, "schema/post-data.sql", post);
            String source = current == null ? null : quoteIdent(c, current);
            return new Taken(new SchemaDump(preScript, postScript, source, materializedViews(c, schemas, current),
                    sequences(c, schemas, current)), version.replace("pg_dump (PostgreSQL) ", "pg_dump "));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the schema in " + storage.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> with(List<String> args, String extra) {
        List<String> out = new ArrayList<>(args);
        out.add(1, extra);
        return out;
    }

    /** A pg_dump name pattern matching exactly {@code name}: double-quoted, quotes doubled. */
    private static String pattern(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static byte[] run(List<String> command, String password) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (password != null) {
            pb.environment().put("PGPASSWORD", password); // in the child's environment only, never its arguments
        }
        pb.environment().remove("PGOPTIONS");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("pg_dump did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pg_dump ran", e);
        }
        if (p.exitValue() != 0) {
            String msg = new String(err.join(), StandardCharsets.UTF_8).strip();
            throw new IOException("exit " + p.exitValue() + (msg.isEmpty() ? "" : ": " + msg.lines().findFirst().orElse("")));
        }
        return out;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Script store(Storage storage, ChunkCodec codec, String backupId, String name, byte[] plain)
            throws IOException {
        byte[] sealed = codec.seal(plain, plain.length, backupId + "/" + name);
        storage.put(Dumper.object(backupId, name), sealed);
        return new Script(name, plain.length, ChunkCodec.sha256(sealed));
    }

    /** Reads a stored script back, checking its hash. */
    public static String read(Storage storage, ChunkCodec codec, String backupId, Script s) {
        try {
            byte[] sealed = storage.get(Dumper.object(backupId, s.name()));
            if (!ChunkCodec.sha256(sealed).equals(s.sha256())) {
                throw new ChunkCodec.CorruptChunk("schema script " + s.name() + " of backup " + backupId
                        + " fails its SHA-256 check: it was altered or damaged");
            }
            return new String(codec.open(sealed, s.plainBytes(), backupId + "/" + s.name()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.name() + " of backup " + backupId + ": " + e.getMessage(), e);
        }
    }

    static String quoteIdent(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String scope(List<String> schemas, String current) {
        if (current != null) {
            return "n.nspname = current_schema()";
        }
        if (schemas.isEmpty()) {
            return "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
        }
        return "n.nspname = ANY (?)";
    }

    private static PreparedStatement scoped(Connection c, String sql, List<String> schemas, String current)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        if (current == null && !schemas.isEmpty()) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
        }
        return ps;
    }

    /** The populated materialized views, quoted and qualified (unqualified for the current schema), oldest first. */
    private static List<String> materializedViews(Connection c, List<String> schemas, String current)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = scoped(c, "SELECT quote_ident(n.nspname), quote_ident(m.relname) FROM pg_class m "
                + "JOIN pg_namespace n ON n.oid = m.relnamespace WHERE m.relkind = 'm' AND m.relispopulated AND "
                + scope(schemas, current) + " ORDER BY m.oid", schemas, current);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(current != null ? rs.getString(2) : rs.getString(1) + "." + rs.getString(2));
            }
        }
        return out;
    }

    /** Every used sequence's position (one never used is the same as the new one pg_dump's script creates). */
    private static List<Sequence> sequences(Connection c, List<String> schemas, String current) throws SQLException {
        List<Sequence> out = new ArrayList<>();
        try (PreparedStatement ps = scoped(c, "SELECT * FROM (SELECT n.nspname, s.relname, CASE WHEN s.relkind = 'S' "
                + "THEN pg_sequence_last_value(s.oid) END AS v, s.oid FROM pg_class s "
                + "JOIN pg_namespace n ON n.oid = s.relnamespace WHERE s.relkind = 'S' AND " + scope(schemas, current)
                + " OFFSET 0) q WHERE v IS NOT NULL ORDER BY oid",
                schemas, current);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Sequence(current == null ? rs.getString(1) : null, rs.getString(2), rs.getLong(3), true));
            }
        }
        return out;
    }

    /**
     * Refreshes the materialized views and sets the sequences of a restored dump; {@code schema} is the target's
     * quoted current schema for a dump of the source's current schema.
     */
    public static void finish(Connection c, SchemaDump dump, String schema) throws SQLException {
        for (String mv : dump.materializedViews()) {
            try (Statement s = c.createStatement()) {
                s.execute("REFRESH MATERIALIZED VIEW " + (dump.sourceSchema() == null ? mv : schema + "." + mv));
            } catch (SQLException e) {
                throw new SQLException("refreshing materialized view " + mv + " failed: " + e.getMessage(),
                        e.getSQLState(), e);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT setval((quote_ident(coalesce(?, current_schema())) "
                + "|| '.' || quote_ident(?))::regclass, ?, ?)")) {
            for (Sequence q : dump.sequences()) {
                ps.setString(1, q.schema());
                ps.setString(2, q.name());
                ps.setLong(3, q.lastValue());
                ps.setBoolean(4, q.called());
                ps.executeQuery().close();
            }
        }
    }

    /**
     * Runs one script's statements on {@code c} (in the caller's transaction): session settings become
     * transaction-local, the search path is left as it is (every name is qualified), {@code CREATE SCHEMA} tolerates
     * an existing schema, and with {@code from}/{@code to} names move from the source's schema to the target's.
     *
     * @throws SQLException naming the object whose statement failed
     */
    public static void replay(Connection c, String script, String from, String to) throws SQLException {
        for (SqlScript.Statement st : SqlScript.split(script)) {
            String sql = st.sql();
            var set = SET.matcher(sql);
            if (set.matches()) {
                if (set.group(1).equalsIgnoreCase("client_encoding")) {
                    continue;
                }
                sql = "SET LOCAL" + sql.substring(3);
            } else if (SET_CONFIG.matcher(sql).matches()) {
                continue;
            } else if (from != null && SCHEMA_ITSELF.matcher(sql).matches()) {
                continue; // the target's current schema exists; its own comment and owner stay the target's
            } else if (CREATE_SCHEMA.matcher(sql).find()) {
                sql = CREATE_SCHEMA.matcher(sql).replaceFirst("CREATE SCHEMA IF NOT EXISTS ");
            }
            if (from != null && !from.equals(to)) {
                sql = SqlScript.requalify(sql, from, to);
            }
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new SQLException("restoring " + (st.label() == null ? "`" + firstLine(sql) + "`" : st.label())
                        + " failed: " + e.getMessage(), e.getSQLState(), e);
            }
        }
    }

    private static String firstLine(String sql) {
        String l = sql.lines().findFirst().orElse(sql);
        return l.length() > 120 ? l.substring(0, 120) + "…" : l;
    }
}
