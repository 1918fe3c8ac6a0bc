package io.covet.schema.internal;

import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ForeignKey;
import io.covet.schema.Index;
import io.covet.schema.OnDelete;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the parts of one table while a reader walks the catalog. */
final class TableBuilder {
    final String name;
    final List<Column> columns = new ArrayList<>();
    final List<String> pk = new ArrayList<>();
    final Map<String, List<String>> uniques = new LinkedHashMap<>();
    final List<CheckConstraint> checks = new ArrayList<>();
    final Map<String, List<String>> indexColumns = new LinkedHashMap<>();
    final Map<String, Boolean> indexUnique = new LinkedHashMap<>();
    final Map<String, String> indexWhere = new LinkedHashMap<>();
    final Map<String, List<String>> fkColumns = new LinkedHashMap<>();
    final Map<String, List<String>> fkRefColumns = new LinkedHashMap<>();
    final Map<String, String> fkRefTable = new LinkedHashMap<>();
    final Map<String, OnDelete> fkOnDelete = new LinkedHashMap<>();

    TableBuilder(String name) {
        this.name = name;
    }

    void fk(String fk, String column, String refTable, String refColumn, OnDelete onDelete) {
        fkColumns.computeIfAbsent(fk, k -> new ArrayList<>()).add(column);
        fkRefColumns.computeIfAbsent(fk, k -> new ArrayList<>()).add(refColumn);
        fkRefTable.put(fk, refTable);
        fkOnDelete.put(fk, onDelete);
    }

    void index(String index, String column, boolean unique, String where) {
        indexColumns.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
        indexUnique.put(index, unique);
        if (where != null) {
            indexWhere.put(index, where);
        }
    }

    Table build() {
        List<Column> cols = columns.stream().map(c -> pk.contains(c.name()) ? c.withNullable(false) : c).toList();
        List<UniqueConstraint> us = new ArrayList<>();
        uniques.forEach((n, c) -> us.add(new UniqueConstraint(n, c)));
        List<Index> is = new ArrayList<>();
        indexColumns.forEach((n, c) -> {
            if (!c.contains(null)) {
                is.add(new Index(n, c, indexUnique.get(n), indexWhere.get(n)));
            }
        });
        List<ForeignKey> fs = new ArrayList<>();
        fkColumns.forEach((n, c) -> fs.add(new ForeignKey(n, c, fkRefTable.get(n), fkRefColumns.get(n),
                fkOnDelete.get(n))));
        return new Table(name, cols, pk, us, checks, is, fs);
    }
}
