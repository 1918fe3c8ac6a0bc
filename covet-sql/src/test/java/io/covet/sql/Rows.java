package io.covet.sql;

import io.covet.core.Row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Small helpers that read result columns the same way on every engine. */
final class Rows {
    private Rows() {
    }

    /** Column {@code index} of every row as a Long (engines return Integer, Long or BigDecimal). */
    static List<Long> longs(List<Row> rows, int index) {
        List<Long> out = new ArrayList<>();
        for (Row r : rows) {
            Object v = r.get(index);
            out.add(v == null ? null : v instanceof Number n ? n.longValue() : Long.parseLong(v.toString()));
        }
        return out;
    }

    /** Column {@code index} of every row as text, or null. */
    static List<String> strings(List<Row> rows, int index) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            Object v = r.get(index);
            out.add(v == null ? null : v.toString());
        }
        return out;
    }

    /** Column {@code index} of every row as a BigDecimal with two decimals, or null. */
    static List<BigDecimal> decimals(List<Row> rows, int index) {
        List<BigDecimal> out = new ArrayList<>();
        for (Row r : rows) {
            Object v = r.get(index);
            out.add(v == null ? null : new BigDecimal(v.toString()).setScale(2, java.math.RoundingMode.HALF_UP));
        }
        return out;
    }

    /** Each row as the list of its values' text, for compact multi-column assertions. */
    static List<List<String>> table(List<Row> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                Object v = r.get(i);
                line.add(v == null ? null : v instanceof Boolean b ? (b ? "1" : "0") : v.toString());
            }
            out.add(line);
        }
        return out;
    }
}
