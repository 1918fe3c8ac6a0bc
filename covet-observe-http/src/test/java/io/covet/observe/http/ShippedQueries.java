package io.covet.observe.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PromQL the repository ships, read from the files themselves: every target of every panel and every query
 * variable of the Grafana dashboards under {@code observe/grafana}, and every alert rule of
 * {@code observe/prometheus/covet-alerts.yml}. Grafana's template variables are replaced by what "All" and a
 * short range mean ({@code $database} → {@code .+}, {@code $__rate_interval} → {@code 1m}).
 */
final class ShippedQueries {
    /** The rule group kept for metrics not emitted yet; its rules are checked to be still unfed. */
    static final String PLACEHOLDER_GROUP = "covet-replicas-placeholder";
    private static final Pattern COMPARISON = Pattern.compile("(?s)^(.*\\S)\\s*(>=|<=|==|!=|>|<)\\s*[0-9.e+-]+\\s*$");
    private static final Pattern LABEL_VALUES = Pattern.compile("(?s)^label_values\\((.*),\\s*(\\w+)\\)$");

    /**
     * One query.
     *
     * @param source where it comes from ({@code covet-pool.json panel 'Threads waiting…' A})
     * @param promql the query as sent to Prometheus
     */
    record Query(String source, String promql) {
    }

    private ShippedQueries() {
    }

    /** The repository's {@code observe/} directory (the module runs from its own directory). */
    static Path observeDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("observe/grafana")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p.resolve("observe");
            }
        }
        throw new IllegalStateException("no observe/ directory above " + here);
    }

    static Path alertRules() {
        return observeDir().resolve("prometheus/covet-alerts.yml");
    }

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(observeDir().resolve("grafana"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every panel target and query variable of every dashboard. */
    static List<Query> dashboardQueries() throws IOException {
        List<Query> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Path file : dashboards()) {
            JsonNode d = json.readTree(file.toFile());
            String name = file.getFileName().toString();
            for (JsonNode v : d.path("templating").path("list")) {
                if (v.path("type").asText().equals("query")) {
                    String q = v.path("query").path("query").asText(v.path("query").asText());
                    Matcher m = LABEL_VALUES.matcher(q.strip());
                    if (!m.matches()) {
                        throw new IllegalStateException(name + " variable " + v.path("name") + ": not label_values: " + q);
                    }
                    all.add(new Query(name + " variable $" + v.path("name").asText(), substitute(m.group(1))));
                }
            }
            for (JsonNode p : d.path("panels")) {
                for (JsonNode t : p.path("targets")) {
                    all.add(new Query(name + " panel '" + p.path("title").asText() + "' " + t.path("refId").asText(),
                            substitute(t.path("expr").asText())));
                }
            }
        }
        return all;
    }

    /** The signal of every alert rule outside the placeholder group: its expression without the threshold. */
    static List<Query> alertSignals() throws IOException {
        return alerts(false);
    }

    /** The signals of the placeholder group's rules. */
    static List<Query> placeholderSignals() throws IOException {
        return alerts(true);
    }

    /** How many alert rules the file has, placeholders included. */
    static int alertCount() throws IOException {
        return alerts(false).size() + alerts(true).size();
    }

    private static List<Query> alerts(boolean placeholders) throws IOException {
        JsonNode rules = new YAMLMapper().readTree(alertRules().toFile());
        List<Query> all = new ArrayList<>();
        for (JsonNode g : rules.path("groups")) {
            if (g.path("name").asText().equals(PLACEHOLDER_GROUP) != placeholders) {
                continue;
            }
            for (JsonNode r : g.path("rules")) {
                String expr = r.path("expr").asText();
                Matcher m = COMPARISON.matcher(expr.strip());
                if (!m.matches()) {
                    throw new IllegalStateException("alert " + r.path("alert").asText() + " is not '<signal> <op> "
                            + "<threshold>': " + expr);
                }
                all.add(new Query("alert " + r.path("alert").asText(), m.group(1)));
            }
        }
        return all;
    }

    static String substitute(String promql) {
        return promql.replace("$__rate_interval", "1m").replace("$__range", "1h").replace("$__interval", "1m")
                .replace("${database}", ".+").replace("$database", ".+")
                .replace("${shape}", ".+").replace("$shape", ".+");
    }
}
