package io.covet.migrate;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covet.migrate.internal.OperationJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and writes migration files: one JSON file per migration at {@code <dir>/<app>/<name>.json}. The output is
 * deterministic (fixed key order, two-space indentation, one array element per line, trailing newline), so the
 * same migration always produces the same bytes and diffs stay small.
 */
public final class MigrationFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationFiles() {
    }

    /** The JSON text of a migration, as written to its file. */
    public static String toJson(Migration m) {
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"));
            return JSON.writer(pp).writeValueAsString(tree(m)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a migration from JSON text.
     *
     * @param source where the text came from, for error messages
     * @throws MigrationException naming the source and the problem
     */
    public static Migration parse(String json, String source) {
        try {
            JsonNode n = JSON.readTree(json);
            MigrationKey key = new MigrationKey(text(n, "app", source), text(n, "name", source));
            List<MigrationKey> deps = keys(n.path("dependencies"));
            List<Operation> ops = new ArrayList<>();
            int i = 0;
            for (JsonNode o : n.path("operations")) {
                i++;
                try {
                    ops.add(OperationJson.read(o));
                } catch (IllegalArgumentException e) {
                    throw new MigrationException(source + ": operation " + i + " is invalid: " + e.getMessage());
                }
            }
            return new Migration(key, deps, ops, keys(n.path("replaces")), n.path("atomic").asBoolean(true));
        } catch (IOException e) {
            throw new MigrationException(source + " is not valid JSON: " + e.getMessage().split("\n")[0]
                    + "; fix the file or restore it from version control", e);
        } catch (IllegalArgumentException e) {
            throw new MigrationException(source + ": " + e.getMessage());
        }
    }

    /** SHA-256 of the canonical (compact) JSON form. */
    public static String checksum(Migration m) {
        return Names.hash(tree(m).toString());
    }

    /**
     * Loads every {@code <app>/<name>.json} under {@code dir}, sorted by app and name. A missing directory holds
     * no migrations.
     *
     * @throws MigrationException when a file cannot be parsed, or its app or name disagrees with its path
     */
    public static List<Migration> load(Path dir) {
        List<Migration> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Migration m = parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
                String app = f.getParent().getFileName().toString();
                String name = f.getFileName().toString().replaceFirst("\\.json$", "");
                if (!m.app().equals(app) || !m.name().equals(name)) {
                    throw new MigrationException(f + " declares " + m.key() + " but its path says " + app + "." + name
                            + "; make the \"app\"/\"name\" fields match the folder and file name");
                }
                out.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes the migration to {@code <dir>/<app>/<name>.json}; returns the path. */
    public static Path write(Path dir, Migration m) {
        Path f = dir.resolve(m.app()).resolve(m.name() + ".json");
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, toJson(m), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private static ObjectNode tree(Migration m) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("app", m.app());
        n.put("name", m.name());
        ArrayNode deps = n.putArray("dependencies");
        m.dependencies().forEach(d -> deps.add(d.toString()));
        if (!m.replaces().isEmpty()) {
            ArrayNode r = n.putArray("replaces");
            m.replaces().forEach(d -> r.add(d.toString()));
        }
        if (!m.atomic()) {
            n.put("atomic", false);
        }
        ArrayNode ops = n.putArray("operations");
        m.operations().forEach(o -> ops.add(OperationJson.write(o)));
        return n;
    }

    private static List<MigrationKey> keys(JsonNode arr) {
        List<MigrationKey> out = new ArrayList<>();
        arr.forEach(x -> out.add(MigrationKey.parse(x.asText())));
        return out;
    }

    private static String text(JsonNode n, String field, String source) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new MigrationException(source + " has no \"" + field + "\" string");
        }
        return v.asText();
    }
}
