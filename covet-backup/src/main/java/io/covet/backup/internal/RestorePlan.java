package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Table;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.schema.NativeObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a restore carries into its target, decided before anything is written: the manifest's tables, native
 * objects and per-schema native objects as they are for the same engine, or made portable for another engine
 * (native SQL left out when allowed, schemas folded into one database), with the warnings the result reports.
 */
final class RestorePlan {
    final List<Table> tables;
    final List<NativeObject> natives;
    final Map<String, List<NativeObject>> schemaNatives;
    private final List<String> warnings;

    private RestorePlan(List<Table> tables, List<NativeObject> natives, Map<String, List<NativeObject>> schemaNatives,
                        List<String> warnings) {
        this.tables = tables;
        this.natives = natives;
        this.schemaNatives = schemaNatives;
        this.warnings = warnings;
    }

    /**
     * @param skipNative when the target is another engine than the source: leave out the source-engine SQL
     *                   instead of refusing with {@link UnsupportedFeature}; it is listed in the warnings
     */
    static RestorePlan of(Manifest manifest, Engine source, Engine target, boolean skipNative) {
        List<String> warnings = new ArrayList<>();
        boolean sameEngine = source.family() == target.family();
        List<String> skipped = manifest.notCarried().stream().filter(n -> n.endsWith(Creator.SKIPPED)).toList();
        if (!skipped.isEmpty()) {
            warnings.add("left out of this backup when it was taken (--skip): " + String.join(", ", skipped
                    .stream().map(n -> n.substring(0, n.length() - Creator.SKIPPED.length())).toList()));
        }
        List<String> missing = manifest.notCarried().stream().filter(n -> !n.endsWith(Creator.SKIPPED)).toList();
        if (!missing.isEmpty() && (manifest.schemaDump() == null || !sameEngine)) {
            warnings.add("not in this backup, recreate by hand if needed: " + String.join(", ", missing));
        }
        if (sameEngine) {
            return new RestorePlan(manifest.tables(), manifest.nativeObjects(), manifest.schemaNativeObjects(),
                    warnings);
        }
        List<String> left = nativeParts(manifest);
        if (!left.isEmpty() && !skipNative) {
            throw new UnsupportedFeature(target, "restoring " + left.size() + " object(s) written in "
                    + source.displayName() + " SQL (" + String.join(", ", left) + ") into " + target.displayName(),
                    "Restore into " + source.displayName() + " to keep them, or pass --skip-native-objects "
                            + "(RestoreOptions.skipNativeObjects) to restore the tables and rows without them "
                            + "and recreate them by hand.");
        }
        if (!left.isEmpty()) {
            warnings.add("left out, written in " + source.displayName() + " SQL that "
                    + target.displayName() + " cannot run: " + String.join(", ", left));
        }
        List<Table> tables = manifest.tables().stream().map(Table::portable).toList();
        List<String> schemas = tables.stream().map(Table::schema).filter(Objects::nonNull).distinct().toList();
        if (!schemas.isEmpty()) {
            Map<String, List<String>> byName = new TreeMap<>();
            tables.forEach(t -> byName.computeIfAbsent(t.name().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(t.displayName()));
            List<String> clashes = byName.values().stream().filter(v -> v.size() > 1)
                    .map(v -> String.join(" and ", v)).toList();
            if (!clashes.isEmpty()) {
                throw new UnsupportedFeature(target, "restoring tables of several PostgreSQL schemas that share "
                        + "a name (" + String.join("; ", clashes) + ") into one " + target.displayName()
                        + " database", "Back up one schema at a time (--schema NAME) and restore each into its "
                        + "own database.");
            }
            warnings.add("the tables of schemas " + String.join(", ", schemas) + " were restored into one "
                    + target.displayName() + " database, which has no schemas");
            tables = tables.stream().map(t -> t.inSchema(null)).toList();
        }
        return new RestorePlan(tables, List.of(), Map.of(), warnings);
    }

    /** The checks, partial indexes and native objects of the backup, described for a message. */
    private static List<String> nativeParts(Manifest manifest) {
        List<String> out = new ArrayList<>();
        for (Table t : manifest.tables()) {
            t.checks().forEach(k -> out.add("check constraint " + k.name() + " on " + t.displayName()));
            t.indexes().stream().filter(i -> i.where() != null)
                    .forEach(i -> out.add("partial index " + i.name() + " on " + t.displayName()));
        }
        manifest.nativeObjects().forEach(o -> out.add(o.describe()));
        manifest.schemaNativeObjects().forEach((ns, objects) -> objects
                .forEach(o -> out.add(o.describe() + " in schema " + ns)));
        return out;
    }

    /** Adds a warning to the result. */
    void warn(String warning) {
        warnings.add(warning);
    }

    /** The restored tables' names, as the result lists them. */
    List<String> names() {
        return tables.stream().map(Table::displayName).toList();
    }

    /** What the restore reports: what {@code ddl} could not render as it was, then this plan's warnings. */
    List<String> warnings(Ddl ddl) {
        List<String> out = new ArrayList<>(ddl.warnings());
        out.addAll(warnings);
        return out;
    }

    /** The result of a restore that loaded {@code rows} rows through {@code ddl}. */
    Restorer.Result result(long rows, Ddl ddl) {
        return new Restorer.Result(names(), rows, warnings(ddl));
    }
}
