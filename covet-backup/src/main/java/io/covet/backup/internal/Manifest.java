package io.covet.backup.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.covet.schema.NativeObject;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The manifest of one backup, stored as {@code backups/<id>/manifest.json}; its layout is documented in
 * docs/backup.md. It never contains the key: only {@code keyCheck}, a keyed MAC that tells a wrong key from
 * damaged data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String format, String id, String createdAt, String engine, String serverVersion,
                       String covetVersion, String snapshot, Compression compression, Encryption encryption,
                       List<Table> tables, List<NativeObject> nativeObjects,
                       Map<String, List<NativeObject>> schemaNativeObjects, List<String> notCarried,
                       String schemaSource, SchemaDump schemaDump) {
    /** The format this Covet writes: 2 added check constraints, partial indexes and native objects. */
    public static final String FORMAT = "covet-backup/2";
    /**
     * The format of a backup whose tables are qualified with their PostgreSQL schemas or whose schema was taken by
     * the engine's own tool: a Covet that reads only format 2 would restore it wrongly, so it must refuse it.
     */
    public static final String FORMAT_3 = "covet-backup/3";
    /** The formats this Covet reads: a version-1 manifest simply has no checks, predicates or native objects. */
    public static final List<String> READABLE = List.of("covet-backup/1", FORMAT, FORMAT_3);

    /** Lists default to empty, so a version-1 manifest reads as one without checks or native objects. */
    public Manifest {
        tables = tables == null ? List.of() : tables;
        nativeObjects = nativeObjects == null ? List.of() : nativeObjects;
        schemaNativeObjects = schemaNativeObjects == null ? Map.of() : schemaNativeObjects;
        notCarried = notCarried == null ? List.of() : notCarried;
    }

    /** A manifest of tables in the connection's current schema only, as format 2 wrote them. */
    public Manifest(String format, String id, String createdAt, String engine, String serverVersion,
                    String covetVersion, String snapshot, Compression compression, Encryption encryption,
                    List<Table> tables, List<NativeObject> nativeObjects) {
        this(format, id, createdAt, engine, serverVersion, covetVersion, snapshot, compression, encryption, tables,
                nativeObjects, null, null, null, null);
    }

    /**
     * The schema as the engine's own tool wrote it, for restores into the same engine (see docs/backup.md):
     * {@code preData} is run before the rows are loaded (types, functions, tables, views), {@code postData} after
     * (indexes, constraints, triggers, rules), then the materialized views listed are refreshed and the sequences
     * set. {@code sourceSchema}: the quoted schema the script qualifies names with when the backup is of the
     * connection's current schema alone (restored into the target's current schema), else null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SchemaDump(Script preData, Script postData, String sourceSchema, List<String> materializedViews,
                             List<Sequence> sequences, List<ObjectDdl> objects) {
        /** A pg_dump schema. */
        public SchemaDump(Script preData, Script postData, String sourceSchema, List<String> materializedViews,
                          List<Sequence> sequences) {
            this(preData, postData, sourceSchema, materializedViews, sequences, null);
        }

        /** A schema of statements the server wrote (MariaDB {@code SHOW CREATE}, SQLite {@code sqlite_master}). */
        public SchemaDump(List<ObjectDdl> objects) {
            this(null, null, null, null, null, objects);
        }
    }

    /**
     * One object as the server itself writes its definition: MariaDB's {@code SHOW CREATE} text (with the
     * {@code sql_mode} it was created under, for routines, triggers and events), SQLite's {@code sqlite_master.sql}.
     * Kinds: TABLE, INDEX, FUNCTION, PROCEDURE, VIEW, TRIGGER, EVENT.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectDdl(String kind, String name, String sql, String sqlMode) {
    }

    /** A sealed script file of the backup. */
    public record Script(String name, int plainBytes, String sha256) {
    }

    /** A sequence's position: {@code schema} null for the current schema. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sequence(String schema, String name, long lastValue, boolean called) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Compression parameters. */
    public record Compression(String algorithm, int level) {
    }

    /** Encryption parameters; never the key. */
    public record Encryption(String algorithm, int nonceBytes, int tagBits, String associatedData, String keyCheck) {
    }

    /** One table: its schema as introspected, its row count and checksum, and its chunks in order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes,
                        List<Check> checks, List<ForeignKey> foreignKeys, AutoIncrement autoIncrement, long rows,
                        String checksum, List<Chunk> chunks, String schema) {
        public Table {
            checks = checks == null ? List.of() : checks;
        }

        /** A table of the connection's current schema (no {@code schema}: restored into the target's current one). */
        public Table(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes,
                     List<Check> checks, List<ForeignKey> foreignKeys, AutoIncrement autoIncrement, long rows,
                     String checksum, List<Chunk> chunks) {
            this(name, columns, primaryKey, indexes, checks, foreignKeys, autoIncrement, rows, checksum, chunks, null);
        }

        public Table withData(long rows, String checksum, List<Chunk> chunks) {
            return new Table(name, columns, primaryKey, indexes, checks, foreignKeys, autoIncrement, rows, checksum,
                    chunks, schema);
        }

        /** This table in another schema (null: the target's current one). */
        public Table inSchema(String s) {
            return new Table(name, columns, primaryKey, indexes, checks, foreignKeys.stream()
                    .map(f -> new ForeignKey(f.name(), f.columns(), f.referencedTable(), f.referencedColumns(),
                            f.onDelete(), f.onUpdate(), s == null ? null : f.referencedSchema()))
                    .toList(), autoIncrement, rows, checksum, chunks, s);
        }

        /** {@code sales.invoice}, or the bare name of a table of the current schema: for messages. */
        public String displayName() {
            return schema == null ? name : schema + "." + name;
        }

        /** This table without check constraints and partial indexes (for another engine). */
        public Table portable() {
            return new Table(name, columns, primaryKey, indexes.stream().filter(i -> i.where() == null).toList(),
                    List.of(), foreignKeys, autoIncrement, rows, checksum, chunks, schema);
        }

        public List<PortableType> types() {
            return columns.stream().map(Column::type).toList();
        }
    }

    /** A column. {@code length}, {@code precision} and {@code scale} are null when the type has none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(String name, String nativeType, PortableType type, Integer length, Integer precision,
                         Integer scale, boolean nullable, String defaultValue, boolean autoIncrement) {
    }

    /** An index; unique indexes also stand for unique constraints. {@code where}: a partial index's predicate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Index(String name, List<String> columns, boolean unique, String where) {
    }

    /** A check constraint; the expression is the source engine's SQL. */
    public record Check(String name, String expression) {
    }

    /**
     * A foreign key; rules are SQL words such as {@code CASCADE} or {@code NO ACTION}. {@code referencedSchema}:
     * the referenced table's schema when the backup covers several, else null (the table's own).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                             String onDelete, String onUpdate, String referencedSchema) {
        /** A key to a table of the same schema. */
        public ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                          String onDelete, String onUpdate) {
            this(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, null);
        }
    }

    /** The next value the column's sequence or auto-increment counter would hand out; null when unknown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AutoIncrement(String column, Long next) {
    }

    /** One chunk of a table's rows. */
    public record Chunk(String name, long rows, int plainBytes, long storedBytes, String sha256) {
    }

    /** Whether chunks hold one column after the other (since {@code covet-backup/2}) rather than rows. */
    public boolean columnar() {
        return !"covet-backup/1".equals(format);
    }

    /** Total rows. */
    public long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    /** Total stored chunk bytes. */
    public long storedBytes() {
        return tables.stream().flatMap(t -> t.chunks().stream()).mapToLong(Chunk::storedBytes).sum();
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Manifest fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, Manifest.class);
    }
}
