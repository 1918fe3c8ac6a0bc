package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.SchemaDump;
import io.covet.backup.internal.Manifest.Script;
import io.covet.core.engine.Engine;
import io.covet.schema.Introspector;
import io.covet.schema.SchemaScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's schema written by Covet's own catalog reader ({@link Introspector#readScript}) when pg_dump is not
 * installed, fails, or is not wanted: the same two sealed scripts as {@link PgSchemaDump} stores
 * ({@code schema/pre-data.sql}, {@code schema/post-data.sql}), each statement labelled like pg_dump's, so a restore
 * replays them the same way (pre-data, rows, post-data). The post-data script ends with the materialized views'
 * refreshes and the sequences' positions itself, so the manifest lists none for the restore to add.
 */
public final class PgCatalogDump {
    private static final String MARK = "Covet's catalog reader";

    private PgCatalogDump() {
    }

    /** What {@link #take} produced: the dump and what the script does not recreate. */
    public record Taken(SchemaDump dump, List<String> notCarried) {
    }

    /**
     * Reads the script inside the backup's snapshot (the connection's transaction) and stores it.
     *
     * @param schemas  the schemas to read, or empty for the whole database (extensions included)
     * @param current  the connection's current schema when the backup holds it alone (restored into the target's
     *                 current schema), else null
     * @param excluded relations left out, {@code schema.name}
     */
    public static Taken take(Connection c, List<String> schemas, String current, List<String> excluded,
                             Storage storage, ChunkCodec codec, String backupId) throws SQLException {
        SchemaScript script = Introspector.readScript(c, Engine.POSTGRESQL, schemas, excluded);
        try {
            Script pre = PgSchemaDump.store(storage, codec, backupId, "schema/pre-data.sql",
                    render(script, SchemaScript.Section.PRE_DATA));
            Script post = PgSchemaDump.store(storage, codec, backupId, "schema/post-data.sql",
                    render(script, SchemaScript.Section.POST_DATA));
            String source = current == null ? null : PgSchemaDump.quoteIdent(c, current);
            return new Taken(new SchemaDump(pre, post, source, List.of(), List.of()), script.notCarried());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the schema in " + storage.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether a manifest's {@code notCarried} line was written by the catalog reader (a same-engine restore lacks it). */
    public static boolean isCatalogNote(String note) {
        return note.contains(MARK);
    }

    /** One section as a script {@link SqlScript#split} reads back: settings, then each statement after its label. */
    static byte[] render(SchemaScript script, SchemaScript.Section section) {
        StringBuilder out = new StringBuilder("--\n-- PostgreSQL schema (").append(section == SchemaScript.Section.PRE_DATA
                ? "pre-data" : "post-data").append(") written by Covet's catalog reader\n--\n\n");
        for (Map.Entry<String, String> e : script.settings().entrySet()) {
            out.append("SET ").append(e.getKey()).append(" = ").append(e.getValue()).append(";\n");
        }
        for (SchemaScript.Statement st : script.statements(section)) {
            // a name may hold any character, but the label is a one-line comment read back by "; "
            String name = st.object().replaceAll("[\\r\\n]", " ").replace("; ", ", ");
            out.append("\n-- Name: ").append(name).append("; Type: ").append(st.kind()).append('\n')
                    .append(st.sql()).append(";\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
