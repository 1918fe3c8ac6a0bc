package io.covet.backup;

import java.util.ArrayList;
import java.util.List;

/**
 * How a backup is taken. Immutable; build with {@link #builder()}. Defaults: no encryption, one job, 4 MiB chunks,
 * zstd level 1, no progress listener.
 */
public final class BackupOptions {
    private final BackupKey key;
    private final int jobs;
    private final int chunkBytes;
    private final int compressionLevel;
    private final ProgressListener listener;
    private final List<String> schemas;
    private final SchemaSource schemaSource;
    private final List<String> skip;
    private final boolean fromReplica;

    /**
     * Where a backup takes the schema that a restore into the same engine recreates (a restore into another engine
     * always uses Covet's portable schema, which every backup also holds).
     */
    public enum SchemaSource {
        /**
         * The engine's own definitions through its own tool where there is one: PostgreSQL {@code pg_dump
         * --schema-only} when it is installed, else (or when it fails) Covet's catalog reader ({@link #CATALOG});
         * MariaDB {@code SHOW CREATE}; SQLite {@code sqlite_master}. The default.
         */
        NATIVE_TOOL,
        /**
         * Covet's own reader of the engine's definitions, without an external tool: PostgreSQL's schema written
         * from {@code pg_catalog} with the server's {@code pg_get_*def} functions, in {@code pg_depend} order (what
         * it cannot write is listed in {@link BackupInfo#notCarried()}); MariaDB and SQLite as {@link #NATIVE_TOOL},
         * which needs no external tool there either.
         */
        CATALOG,
        /**
         * Covet's portable schema alone (tables, keys, indexes, checks, views, triggers): what it cannot carry is
         * listed in {@link BackupInfo#notCarried()} and must be recreated by hand.
         */
        PORTABLE
    }

    private BackupOptions(Builder b) {
        this.skip = List.copyOf(b.skip);
        this.fromReplica = b.fromReplica;
        this.schemaSource = b.schemaSource;
        this.schemas = List.copyOf(b.schemas);
        this.key = b.key;
        this.jobs = b.jobs;
        this.chunkBytes = b.chunkBytes;
        this.compressionLevel = b.compressionLevel;
        this.listener = b.listener;
    }

    /**
     * Whether the backup reads a replica of the database instead of its primary (PostgreSQL only: a
     * {@code REPEATABLE READ} snapshot on a hot standby is as consistent as on the primary, and it takes the backup's
     * reads off the primary). The first replica serving reads is used; a database without one, or of another
     * engine, is refused.
     */
    public boolean fromReplica() {
        return fromReplica;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: unencrypted, one job. */
    public static BackupOptions defaults() {
        return builder().build();
    }

    /** The encryption key, or null for an unencrypted backup. */
    public BackupKey key() {
        return key;
    }

    /** Tables dumped in parallel (PostgreSQL only, through an exported snapshot). */
    public int jobs() {
        return jobs;
    }

    /** Uncompressed bytes per chunk; also bounds the memory one job uses. */
    public int chunkBytes() {
        return chunkBytes;
    }

    /** The zstd level (1–19). */
    public int compressionLevel() {
        return compressionLevel;
    }

    /**
     * The PostgreSQL schemas to back up; empty (the default) for every schema but the system ones, or only the
     * connection's current schema when its search path was set for it (a {@code currentSchema} in the URL).
     * A backup of exactly the connection's current schema restores into the target's current schema; a backup of
     * other or several schemas restores into schemas of the same names. Refused on MariaDB and SQLite.
     */
    public List<String> schemas() {
        return schemas;
    }

    /**
     * Whether the schema is also taken from the engine's own definitions (by its dump tool or Covet's catalog
     * reader, see {@link #schemaSource()}), so a restore into the same engine recreates every object exactly;
     * default true. False is {@link SchemaSource#PORTABLE}.
     */
    public boolean engineSchemaDump() {
        return schemaSource != SchemaSource.PORTABLE;
    }

    /** Where the schema for a same-engine restore comes from; default {@link SchemaSource#NATIVE_TOOL}. */
    public SchemaSource schemaSource() {
        return schemaSource;
    }

    /**
     * Objects to leave out, each named in the manifest ({@link BackupInfo#notCarried()}) and in the restore's
     * warnings. PostgreSQL: tables and views ({@code schema.name}, or a bare name in the connection's current
     * schema); a backup of some schemas whose objects use objects of other schemas is refused before anything is
     * written unless the objects that use them are left out here. MariaDB and SQLite: tables, views, triggers,
     * routines and events by name; a table's triggers (and on SQLite its indexes) go with it. A name that is no
     * such object is refused before anything is written. A view over a table left out must be left out too, or
     * its restore fails (verify says so).
     */
    public List<String> skip() {
        return skip;
    }

    /** Receives progress; never null. */
    public ProgressListener listener() {
        return listener;
    }

    /** Receives progress while a backup runs (from the dumping threads). */
    @FunctionalInterface
    public interface ProgressListener {
        /** {@code rows} of table {@code table} ({@code index} of {@code count}) are stored so far. */
        void progress(String table, int index, int count, long rows);
    }

    /** Builds {@link BackupOptions}; {@link #build()} reports every invalid setting at once. */
    public static final class Builder {
        private BackupKey key;
        private int jobs = 1;
        private int chunkBytes = 4 << 20;
        private int compressionLevel = 1;
        private ProgressListener listener = (t, i, n, r) -> { };
        private List<String> schemas = List.of();
        private SchemaSource schemaSource = SchemaSource.NATIVE_TOOL;
        private List<String> skip = List.of();
        private boolean fromReplica;

        private Builder() {
        }

        /** See {@link BackupOptions#fromReplica()}; default false (the primary). */
        public Builder fromReplica(boolean value) {
            this.fromReplica = value;
            return this;
        }

        /** See {@link BackupOptions#skip()}; default none. */
        public Builder skip(List<String> names) {
            this.skip = names == null ? List.of() : List.copyOf(names);
            return this;
        }

        /**
         * See {@link BackupOptions#engineSchemaDump()}; default true. True sets {@link SchemaSource#NATIVE_TOOL},
         * false {@link SchemaSource#PORTABLE}.
         */
        public Builder engineSchemaDump(boolean value) {
            this.schemaSource = value ? SchemaSource.NATIVE_TOOL : SchemaSource.PORTABLE;
            return this;
        }

        /** See {@link BackupOptions#schemaSource()}; default {@link SchemaSource#NATIVE_TOOL}; null is the default. */
        public Builder schemaSource(SchemaSource source) {
            this.schemaSource = source == null ? SchemaSource.NATIVE_TOOL : source;
            return this;
        }

        /** See {@link BackupOptions#schemas()}; default empty. */
        public Builder schemas(List<String> names) {
            this.schemas = names == null ? List.of() : List.copyOf(names);
            return this;
        }

        /** Encrypts every chunk with AES-256-GCM under this key; null for none. */
        public Builder key(BackupKey key) {
            this.key = key;
            return this;
        }

        /** Parallel table dumps (PostgreSQL only); default 1. */
        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        /** Uncompressed bytes per chunk, 64 KiB to 64 MiB; default 4 MiB. */
        public Builder chunkBytes(int bytes) {
            this.chunkBytes = bytes;
            return this;
        }

        /**
         * zstd level 1–19; default 1. Chunks are stored column by column, which zstd compresses well at its
         * fastest level (on the benchmark's order table level 1 gave a smaller archive than levels 3 and 7, at a
         * fraction of their CPU time); higher levels mostly cost CPU on the dumping machine.
         */
        public Builder compressionLevel(int level) {
            this.compressionLevel = level;
            return this;
        }

        /** Receives progress. */
        public Builder listener(ProgressListener listener) {
            this.listener = listener == null ? (t, i, n, r) -> { } : listener;
            return this;
        }

        /** @throws BackupException (INVALID) listing every invalid setting */
        public BackupOptions build() {
            List<String> problems = new ArrayList<>();
            if (jobs < 1 || jobs > 64) {
                problems.add("jobs must be 1 to 64, was " + jobs);
            }
            if (chunkBytes < (64 << 10) || chunkBytes > (64 << 20)) {
                problems.add("chunk size must be 64 KiB to 64 MiB, was " + chunkBytes + " bytes");
            }
            if (compressionLevel < 1 || compressionLevel > 19) {
                problems.add("zstd level must be 1 to 19, was " + compressionLevel);
            }
            if (!problems.isEmpty()) {
                throw new BackupException(BackupException.Reason.INVALID, String.join("; ", problems));
            }
            return new BackupOptions(this);
        }
    }
}
