package io.covet.core;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One result row as column values, readable by position or by label. Immutable.
 *
 * <p>Label look-up is exact first, then case-insensitive, because PostgreSQL folds unquoted names to lower case
 * while MariaDB and SQLite keep them as written. Rows of one result share one column index.
 */
public final class Row {
    private final Columns columns;
    private final Object[] values;

    private Row(Columns columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    /**
     * A mapper producing {@code Row}s; reads the result's metadata once and shares it across its rows.
     * Not thread-safe: use one per result.
     */
    public static RowMapper<Row> mapper() {
        return new RowMapper<>() {
            private Columns columns;

            @Override
            public Row map(ResultSet rs) throws SQLException {
                if (columns == null) {
                    columns = Columns.of(rs.getMetaData());
                }
                Object[] v = new Object[columns.labels.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rs.getObject(i + 1);
                }
                return new Row(columns, v);
            }
        };
    }

    /** A row from labels and values, for tests and for code that builds rows itself. */
    public static Row of(List<String> labels, List<?> values) {
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + values.size() + " values");
        }
        return new Row(Columns.of(labels.toArray(String[]::new)), values.toArray());
    }

    /** The number of columns. */
    public int size() {
        return values.length;
    }

    /** The column labels in result order; unmodifiable. */
    public List<String> labels() {
        return Collections.unmodifiableList(Arrays.asList(columns.labels));
    }

    /** The value at a zero-based position. */
    public Object get(int index) {
        return values[index];
    }

    /**
     * The value of the column labelled {@code label}.
     *
     * @throws NoSuchElementException listing the labels the row has
     */
    public Object get(String label) {
        return values[columns.indexOf(label)];
    }

    /** Whether the row has a column with this label. */
    public boolean has(String label) {
        return columns.find(label) >= 0;
    }

    /** The value as text ({@code toString()} of what the driver returned), or null. */
    public String getString(String label) {
        Object v = get(label);
        return v == null ? null : v.toString();
    }

    /**
     * The value as a long, converting any numeric type the driver returned.
     *
     * @throws NullPointerException if the value is NULL (use {@link #get(String)} for nullable columns)
     */
    public long getLong(String label) {
        Object v = get(label);
        if (v == null) {
            throw new NullPointerException("column '" + label + "' is NULL");
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(v.toString());
    }

    /** The value as an int; see {@link #getLong(String)}. */
    public int getInt(String label) {
        return Math.toIntExact(getLong(label));
    }

    /** The value as a double, converting any numeric type. */
    public double getDouble(String label) {
        Object v = get(label);
        if (v == null) {
            throw new NullPointerException("column '" + label + "' is NULL");
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return Double.parseDouble(v.toString());
    }

    /** The value as a BigDecimal, or null. */
    public BigDecimal getBigDecimal(String label) {
        Object v = get(label);
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        return new BigDecimal(v.toString());
    }

    /** The row as an insertion-ordered map from label to value. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(columns.labels[i], values[i]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.equals(columns.labels, r.columns.labels) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** The shared label index of one result. */
    private static final class Columns {
        final String[] labels;
        final Map<String, Integer> exact = new HashMap<>();
        final Map<String, Integer> folded = new HashMap<>();

        private Columns(String[] labels) {
            this.labels = labels;
            for (int i = 0; i < labels.length; i++) {
                exact.putIfAbsent(labels[i], i);
                folded.putIfAbsent(labels[i].toLowerCase(Locale.ROOT), i);
            }
        }

        static Columns of(String[] labels) {
            return new Columns(labels);
        }

        static Columns of(ResultSetMetaData md) throws SQLException {
            String[] labels = new String[md.getColumnCount()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = md.getColumnLabel(i + 1);
            }
            return new Columns(labels);
        }

        int find(String label) {
            Integer i = exact.get(label);
            if (i == null) {
                i = folded.get(label.toLowerCase(Locale.ROOT));
            }
            return i == null ? -1 : i;
        }

        int indexOf(String label) {
            int i = find(label);
            if (i < 0) {
                throw new NoSuchElementException("no column '" + label + "' in row; columns are "
                        + Arrays.toString(labels));
            }
            return i;
        }
    }
}
