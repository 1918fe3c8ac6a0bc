package io.covet.backup.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.covet.schema.NativeObject;

import java.io.IOException;
import java.util.List;

/**
 * The manifest of one backup, stored as {@code backups/<id>/manifest.json}; its layout is documented in
 * docs/backup.md. It never contains the key: only {@code keyCheck}, a keyed MAC that tells a wrong key from
 * damaged data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String format, String id, String createdAt, String engine, String serverVersion,
                       String covetVersion, String snapshot, Compression compression, Encryption encryption,
                       List<Table> tables, List<NativeObject> nativeObjects) {
    /** The format this Covet writes: 2 added check constraints, partial indexes and native objects. */
    public static final String FORMAT = "covet-backup/2";
    /** The formats this Covet reads: a version-1 manifest simply has no checks, predicates or native objects. */
    public static final List<String> READABLE = List.of("covet-backup/1", FORMAT);

    /** Lists default to empty, so a version-1 manifest reads as one without checks or native objects. */
    public Manifest {
        tables = tables == null ? List.of() : tables;
        nativeObjects = nativeObjects == null ? List.of() : nativeObjects;
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
                        String checksum, List<Chunk> chunks) {
        public Table {
            checks = checks == null ? List.of() : checks;
        }

        public Table withData(long rows, String checksum, List<Chunk> chunks) {
            return new Table(name, columns, primaryKey, indexes, checks, foreignKeys, autoIncrement, rows, checksum,
                    chunks);
        }

        /** This table without check constraints and partial indexes (for another engine). */
        public Table portable() {
            return new Table(name, columns, primaryKey, indexes.stream().filter(i -> i.where() == null).toList(),
                    List.of(), foreignKeys, autoIncrement, rows, checksum, chunks);
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

    /** A foreign key; rules are SQL words such as {@code CASCADE} or {@code NO ACTION}. */
    public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                             String onDelete, String onUpdate) {
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
