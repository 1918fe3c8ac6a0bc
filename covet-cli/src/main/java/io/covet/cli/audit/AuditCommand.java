package io.covet.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.covet.cli.common.DatabaseOption;
import io.covet.cli.common.ExitCode;
import io.covet.core.Database;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Version;
import io.covet.orm.audit.AuditEntry;
import io.covet.orm.audit.AuditFilter;
import io.covet.orm.audit.AuditTrail;
import io.covet.orm.audit.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code covet audit}: the cross-model audit log of the history tables and its hash chain ({@code docs/history.md}).
 * {@code verify} exits 0 when every sealed entry is intact, 1 naming each edited or deleted one, 2 on bad usage and
 * 3 when the database cannot be reached, like the other checks.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The audit trail of @History models: log, seal, verify (tamper evidence), prune, erase.",
        subcommands = {AuditCommand.Log.class, AuditCommand.Seal.class, AuditCommand.Verify.class,
                AuditCommand.Prune.class, AuditCommand.Erase.class})
public final class AuditCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An instant as ISO-8601 ({@code 2026-01-31T12:00:00Z}), a UTC date-time or a UTC date. */
    static Instant instant(String option, String text) {
        try {
            if (text.endsWith("Z") || text.contains("+")) {
                return Instant.parse(text);
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a time; give an ISO-8601 instant "
                    + "(2026-01-31T12:00:00Z), or a UTC date-time (2026-01-31T12:00) or date (2026-01-31)");
        }
    }

    /** Runs {@code work} on the database; a misnamed model is bad usage (exit 2). */
    static int run(CommandSpec spec, DatabaseOption database, Function<AuditTrail, Integer> work) {
        try (Database db = database.open()) {
            return work.apply(AuditTrail.of(db));
        } catch (OrmUsageException e) {
            spec.commandLine().getErr().println("covet: " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    /** {@code covet audit log}. */
    @Command(name = "log", mixinStandardHelpOptions = true,
            description = "Every recorded change of every @History model, oldest first: when, model, key, change, "
                    + "who, why, and each changed column old -> new.")
    static final class Log implements Callable<Integer> {
        @Mixin
        DatabaseOption database;
        @Option(names = "--model", paramLabel = "TABLE", description = "Only this tracked table.")
        String model;
        @Option(names = "--pk", paramLabel = "KEY", description = "Only this primary key (several columns: a,b).")
        String pk;
        @Option(names = "--user", paramLabel = "USER", description = "Only changes by this user.")
        String user;
        @Option(names = "--since", paramLabel = "TIME", description = "Only changes at or after this UTC time.")
        String since;
        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Instant from = since == null ? null : instant("--since", since);
            return run(spec, database, trail -> {
                List<AuditEntry> entries = trail.log(new AuditFilter(model, pk, user, from));
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (AuditEntry e : entries) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("at", e.at().toString());
                        m.put("model", e.model());
                        m.put("pk", e.key());
                        m.put("historyId", e.historyId());
                        m.put("change", e.change());
                        m.put("user", e.user());
                        m.put("reason", e.reason());
                        m.put("changeset", e.changeset());
                        Map<String, Object> ch = new LinkedHashMap<>();
                        e.changes().forEach((c, v) -> ch.put(c, List.of(opt(v.before()), opt(v.after()))));
                        m.put("changes", ch);
                        list.add(m);
                    }
                    out.println(json(Map.of("entries", list)));
                } else {
                    entries.forEach(e -> out.println(line(e)));
                    if (entries.isEmpty()) {
                        out.println("No audit entries.");
                    }
                }
                return ExitCode.OK;
            });
        }

        private static Object opt(Object v) {
            return v == null ? "" : v;
        }

        private static String line(AuditEntry e) {
            StringBuilder b = new StringBuilder().append(e.at()).append(' ').append(e.model()).append(' ')
                    .append(e.key()).append(' ').append(e.change()).append(" by ")
                    .append(e.user() == null ? "(unknown)" : e.user());
            if (e.reason() != null) {
                b.append(" (").append(e.reason()).append(')');
            }
            String sep = ": ";
            for (Map.Entry<String, Version.Change> c : e.changes().entrySet()) {
                b.append(sep).append(c.getKey()).append(' ').append(c.getValue().before()).append(" -> ")
                        .append(c.getValue().after());
                sep = ", ";
            }
            return b.toString();
        }
    }

    /** {@code covet audit seal}. */
    @Command(name = "seal", mixinStandardHelpOptions = true,
            description = "Append every history row not yet sealed to the hash chain (protected from then on).")
    static final class Seal implements Callable<Integer> {
        @Mixin
        DatabaseOption database;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, database, trail -> {
                spec.commandLine().getOut().println("Sealed " + trail.seal() + " new audit entries.");
                return ExitCode.OK;
            });
        }
    }

    /** {@code covet audit verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the hash chain; exit 1 naming the position of each edited or deleted entry.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        DatabaseOption database;
        @Option(names = "--head", paramLabel = "HASH",
                description = "A head hash printed by an earlier verify: also fail when the chain no longer holds it "
                        + "(its end was cut off).")
        String head;
        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, database, trail -> {
                Verification v = head == null ? trail.verify() : trail.verify(head);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ok", v.ok());
                    m.put("entries", v.entries());
                    m.put("head", v.headHash());
                    m.put("unsealed", v.unsealed());
                    m.put("problems", v.problems().stream().map(p -> Map.of("position", p.position(), "message",
                            p.message())).toList());
                    out.println(json(m));
                } else {
                    v.problems().forEach(p -> out.println("position " + p.position() + ": " + p.message()));
                    out.println("Audit chain: " + v.entries() + " entries, head " + v.headHash() + ", "
                            + v.unsealed() + " unsealed (run `covet audit seal` to protect them).");
                }
                if (!v.ok()) {
                    spec.commandLine().getErr().println("covet: audit chain verification failed: "
                            + v.problems().size() + " problem(s), first at position " + v.problems().get(0).position());
                    return ExitCode.CHECK_FAILED;
                }
                return ExitCode.OK;
            });
        }
    }

    /** {@code covet audit prune}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete history versions that ended before a time; the chain records the prune and still "
                    + "verifies.")
    static final class Prune implements Callable<Integer> {
        @Mixin
        DatabaseOption database;
        @Option(names = "--before", paramLabel = "TIME", required = true,
                description = "Delete versions that ended at or before this UTC time.")
        String before;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Instant t = instant("--before", before);
            return run(spec, database, trail -> {
                spec.commandLine().getOut().println("Pruned " + trail.prune(t) + " versions that ended at or before "
                        + t + ".");
                return ExitCode.OK;
            });
        }
    }

    /** {@code covet audit erase}. */
    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erase every recorded version of one row (GDPR); the chain records the erasure and still "
                    + "verifies. The live row is not touched.")
    static final class Erase implements Callable<Integer> {
        @Mixin
        DatabaseOption database;
        @Option(names = "--model", paramLabel = "TABLE", required = true, description = "The tracked table.")
        String model;
        @Option(names = "--pk", paramLabel = "KEY", required = true, description = "The row's primary key.")
        String pk;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(spec, database, trail -> {
                spec.commandLine().getOut().println("Erased " + trail.erase(model, pk) + " versions of " + model + " "
                        + pk + ".");
                return ExitCode.OK;
            });
        }
    }
}
