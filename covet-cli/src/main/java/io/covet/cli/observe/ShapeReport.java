package io.covet.cli.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prints the top statement shapes of a {@code /stats.json} document (an {@code ObservabilitySnapshot} as JSON), as
 * a table or as JSON. Shared by {@code covet stats} and the end of {@code covet demo}.
 */
public final class ShapeReport {
    /** Reads and writes the JSON documents. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private ShapeReport() {
    }

    /** The sort orders, as {@code --sort} spells them. */
    public enum Sort {
        /** By 99th percentile. */
        p99("p99Millis"),
        /** By total time. */
        total("totalMillis"),
        /** By number of calls. */
        calls("calls");

        final String field;

        Sort(String field) {
            this.field = field;
        }
    }

    /** Every shape of every database of the document, largest first by {@code sort}, at most {@code limit}. */
    public static List<JsonNode> top(JsonNode stats, Sort sort, int limit) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode d : stats.path("databases")) {
            for (JsonNode s : d.path("shapes")) {
                ObjectNode copy = s.deepCopy();
                if (!copy.has("database")) {
                    copy.put("database", d.path("name").asText());
                }
                all.add(copy);
            }
        }
        all.sort(Comparator.comparingDouble((JsonNode s) -> s.path(sort.field).asDouble()).reversed()
                .thenComparing(s -> s.path("fingerprint").asText()));
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** {@code {"sort": …, "shapes": [ … ]}} on one line. */
    public static void printJson(PrintWriter out, Sort sort, List<JsonNode> shapes) throws java.io.IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("sort", sort.name());
        ArrayNode array = root.putArray("shapes");
        shapes.forEach(array::add);
        out.println(JSON.writeValueAsString(root));
    }

    /** A table: one line per shape with its percentiles, then the sample SQL on the next line. */
    public static void printTable(PrintWriter out, List<JsonNode> shapes) {
        if (shapes.isEmpty()) {
            out.println("No statement seen yet.");
            return;
        }
        out.printf(Locale.ROOT, "%-3s %-12s %-16s %-8s %-16s %9s %7s %10s %9s %9s %9s %9s%n", "#", "DATABASE",
                "SHAPE", "OP", "TABLE", "CALLS", "ERRORS", "TOTAL ms", "MEAN ms", "P50 ms", "P95 ms", "P99 ms");
        int i = 0;
        for (JsonNode s : shapes) {
            List<String> tables = new ArrayList<>();
            s.path("tables").forEach(t -> tables.add(t.asText()));
            out.printf(Locale.ROOT, "%-3d %-12s %-16s %-8s %-16s %,9d %,7d %10s %9s %9s %9s %9s%n", ++i,
                    cut(s.path("database").asText(), 12), cut(s.path("fingerprint").asText(), 16),
                    cut(s.path("operation").asText(), 8), cut(tables.isEmpty() ? "-" : String.join(",", tables), 16),
                    s.path("calls").asLong(), s.path("errors").asLong(), ms(s.path("totalMillis").asDouble()),
                    ms(s.path("meanMillis").asDouble()), ms(s.path("p50Millis").asDouble()),
                    ms(s.path("p95Millis").asDouble()), ms(s.path("p99Millis").asDouble()));
            out.println("    " + cut(s.path("sql").asText().replaceAll("\\s+", " "), 110));
        }
    }

    /** One line per shape for the demo: operation, table, calls and the three percentiles. */
    public static void printBrief(PrintWriter out, List<JsonNode> shapes) {
        int i = 0;
        for (JsonNode s : shapes) {
            List<String> tables = new ArrayList<>();
            s.path("tables").forEach(t -> tables.add(t.asText()));
            out.printf(Locale.ROOT, "  %d. %-44s %,7d calls  p50 %s ms  p95 %s ms  p99 %s ms%n", ++i,
                    cut(s.path("sql").asText().replaceAll("\\s+", " "), 44), s.path("calls").asLong(),
                    ms(s.path("p50Millis").asDouble()), ms(s.path("p95Millis").asDouble()),
                    ms(s.path("p99Millis").asDouble()));
        }
    }

    static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
