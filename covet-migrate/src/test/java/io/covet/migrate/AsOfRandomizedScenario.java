package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.orm.Audit;
import io.covet.orm.Entity;
import io.covet.orm.Orm;
import io.covet.orm.spi.ModelType;
import io.covet.sql.Column;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As-of correctness under concurrent writers, the scenario of {@link AsOfRandomizedTest} (history written by
 * triggers) and {@link AppCaptureRandomizedTest} (history the ORM writes itself): two threads each commit a series
 * of random transactions (inserts, updates, several updates of one row, deletes) on rows of their own, recording
 * inside each transaction the state of their rows and the span of database times its versions got. Then
 * {@code asOf(t)} for random {@code t} between transactions (an end of one, or a point in a gap) must equal,
 * exactly, the union of each thread's state after its last transaction that ended by {@code t}. Rows are disjoint
 * per thread, so the ground truth needs no global order; the threads still interleave their writes to one table
 * and one history table. The seed is random per run and named in every assertion's message.
 */
final class AsOfRandomizedScenario {
    private static final int TX_PER_WRITER = 12;

    /**
     * The tracked model the scenario writes: an owner and a balance, with an automatic {@code id} key and a history
     * table {@code historyTable} with {@code history_id} and {@code valid_from}.
     */
    record Tracked<T extends Entity>(ModelType<T> type, Column<Long> idColumn, String historyTable,
                                     BiFunction<String, Integer, T> create, Function<T, Long> id,
                                     Function<T, String> owner, ToIntFunction<T> balance,
                                     ObjIntConsumer<T> setBalance) {
        String describe(T row) {
            return owner.apply(row) + " " + balance.applyAsInt(row);
        }
    }

    /** One committed transaction of one writer: its versions' time span, its rows afterwards and their ids. */
    private record Step(LocalDateTime start, LocalDateTime end, Map<Long, String> state) {
    }

    private AsOfRandomizedScenario() {
    }

    private static LocalDateTime time(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static String in(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).distinct().collect(Collectors.joining(","));
    }

    private static <T extends Entity> List<Step> writer(Database db, Orm orm, Tracked<T> m, int me, long seed) {
        Random r = new Random(seed);
        List<Step> steps = new ArrayList<>();
        Set<Long> everMine = new TreeSet<>();
        for (int k = 0; k < TX_PER_WRITER; k++) {
            int step = k;
            List<Long> committed = new ArrayList<>(steps.isEmpty() ? List.of() : steps.get(steps.size() - 1)
                    .state().keySet());
            // each attempt starts from the database (a retried transaction must not see its failed attempt's rows)
            steps.add(Audit.as(db, "writer" + me, "tx " + k, () -> {
                List<T> mine = committed.isEmpty() ? new ArrayList<>() : new ArrayList<>(orm.objects(
                        m.type()).filter(m.idColumn().in(committed)).orderBy(m.idColumn().asc()).list());
                long baseline = everMine.isEmpty() ? 0 : db.sql("SELECT MAX(history_id) AS m FROM "
                        + m.historyTable() + " WHERE id IN (" + in(everMine) + ")").list().get(0).getLong("m");
                List<Long> touched = new ArrayList<>();
                int ops = 1 + r.nextInt(3);
                for (int i = 0; i < ops; i++) {
                    int op = mine.isEmpty() || step == 0 ? 0 : r.nextInt(4);
                    if (op == 0) {
                        mine.add(orm.save(m.create().apply("w" + me + "-" + step + "-" + i, r.nextInt(100))));
                        touched.add(m.id().apply(mine.get(mine.size() - 1)));
                    } else if (op == 3 && mine.size() > 1) {
                        T gone = mine.remove(r.nextInt(mine.size()));
                        orm.delete(gone);
                        touched.add(m.id().apply(gone));
                    } else {
                        T a = mine.get(r.nextInt(mine.size()));
                        m.setBalance().accept(a, m.balance().applyAsInt(a) + 1 + r.nextInt(5));
                        orm.save(a);
                        if (op == 2) { // a second change of the same row in this transaction
                            m.setBalance().accept(a, m.balance().applyAsInt(a) + 1);
                            orm.save(a);
                        }
                        touched.add(m.id().apply(a));
                    }
                }
                // every version this transaction wrote: the rows are this writer's alone
                var span = db.sql("SELECT MIN(valid_from) AS s, MAX(valid_from) AS e FROM " + m.historyTable()
                        + " WHERE history_id > ? AND id IN (" + in(touched) + ")", baseline).list().get(0);
                Map<Long, String> state = new TreeMap<>();
                mine.forEach(a -> state.put(m.id().apply(a), m.describe(a)));
                return new Step(time(span.getString("s")), time(span.getString("e")), state);
            }));
            everMine.addAll(steps.get(steps.size() - 1).state().keySet());
            everMine.addAll(committed);
        }
        return steps;
    }

    /**
     * Runs the scenario on {@code db} (opened from {@code s} with a pool of at least two, its schema migrated), with
     * {@code orm} knowing {@code m}'s model.
     */
    static <T extends Entity> void run(Scratch s, Database db, Orm orm, Tracked<T> m) throws Exception {
        long seed = new Random().nextLong();
        List<List<Step>> writers = new ArrayList<>();
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Step>>> fs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int me = w;
                fs.add(ex.submit(() -> writer(db, orm, m, me, seed + me)));
            }
            for (Future<List<Step>> f : fs) {
                writers.add(f.get());
            }
        } finally {
            ex.shutdown();
        }
        List<Step> all = writers.stream().flatMap(List::stream).sorted((a, b) -> a.start().compareTo(b.start()))
                .toList();
        ChronoUnit unit = s.engine() == Engine.SQLITE ? ChronoUnit.MILLIS : ChronoUnit.MICROS;
        List<LocalDateTime> candidates = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            LocalDateTime e = all.get(i).end();
            candidates.add(e);
            if (i + 1 < all.size()) {
                long gap = unit.between(e, all.get(i + 1).start());
                if (gap >= 2) {
                    candidates.add(e.plus(1 + new Random(seed + i).nextLong(gap - 1), unit));
                }
            }
        }
        // an instant inside some transaction's span would see it half done: not a state any transaction left
        candidates.removeIf(t -> all.stream().anyMatch(st -> !t.isBefore(st.start()) && t.isBefore(st.end())));
        Collections.shuffle(candidates, new Random(seed));
        assertThat(candidates).as("seed %d", seed).hasSizeGreaterThan(5);
        for (LocalDateTime t : candidates.subList(0, Math.min(30, candidates.size()))) {
            Map<Long, String> expected = new TreeMap<>();
            for (List<Step> w : writers) {
                Step last = null;
                for (Step st : w) {
                    if (!st.end().isAfter(t)) {
                        last = st;
                    }
                }
                if (last != null) {
                    expected.putAll(last.state());
                }
            }
            Instant at = t.toInstant(ZoneOffset.UTC);
            Map<Long, String> actual = new TreeMap<>();
            orm.objects(m.type()).asOf(at).list().forEach(a -> actual.put(m.id().apply(a), m.describe(a)));
            assertThat(actual).as("asOf(%s), seed %d", at, seed).isEqualTo(expected);
        }
    }
}
