package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.app.Purse;
import io.covet.migrate.history.app.Purse_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As-of correctness under concurrent writers for history the ORM writes itself ({@code @History(capture =
 * APPLICATION)}), on each engine — {@link AsOfRandomizedTest}'s scenario on {@link Purse}: two threads each commit a series of random
 * transactions (inserts, updates, several updates of one row, deletes) on rows of their own, recording inside each
 * transaction the state of their rows and the span of database times its versions got. Then {@code asOf(t)} for
 * random {@code t} between transactions (an end of one, or a point in a gap) must equal, exactly, the union of each
 * thread's state after its last transaction that ended by {@code t}. Rows are disjoint per thread, so the ground
 * truth needs no global order; the threads still interleave their writes to one table and one history table.
 */
class AppCaptureRandomizedTest {
    private static final int TX_PER_WRITER = 12;

    /** One committed transaction of one writer: its versions' time span, its rows afterwards and their ids. */
    private record Step(LocalDateTime start, LocalDateTime end, Map<Long, String> state) {
    }

    private static LocalDateTime time(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static String in(java.util.Collection<Long> ids) {
        return ids.stream().map(String::valueOf).distinct().collect(Collectors.joining(","));
    }

    private static List<Step> writer(Database db, Orm orm, int me, long seed) {
        Random r = new Random(seed);
        List<Step> steps = new ArrayList<>();
        java.util.Set<Long> everMine = new java.util.TreeSet<>();
        for (int k = 0; k < TX_PER_WRITER; k++) {
            int step = k;
            List<Long> committed = new ArrayList<>(steps.isEmpty() ? List.of() : steps.get(steps.size() - 1)
                    .state().keySet());
            // each attempt starts from the database (a retried transaction must not see its failed attempt's rows)
            steps.add(Audit.as(db, "writer" + me, "tx " + k, () -> {
                List<Purse> mine = committed.isEmpty() ? new ArrayList<>() : new ArrayList<>(orm.objects(
                        Purse_.TYPE).filter(Purse_.ID.in(committed)).orderBy(Purse_.ID.asc()).list());
                long baseline = everMine.isEmpty() ? 0 : db.sql("SELECT MAX(history_id) AS m FROM purse_history "
                        + "WHERE id IN (" + in(everMine) + ")").list().get(0).getLong("m");
                List<Long> touched = new ArrayList<>();
                int ops = 1 + r.nextInt(3);
                for (int i = 0; i < ops; i++) {
                    int op = mine.isEmpty() || step == 0 ? 0 : r.nextInt(4);
                    if (op == 0) {
                        mine.add(orm.save(new Purse("w" + me + "-" + step + "-" + i, r.nextInt(100))));
                        touched.add(mine.get(mine.size() - 1).id());
                    } else if (op == 3 && mine.size() > 1) {
                        Purse gone = mine.remove(r.nextInt(mine.size()));
                        orm.delete(gone);
                        touched.add(gone.id());
                    } else {
                        Purse a = mine.get(r.nextInt(mine.size()));
                        a.balance(a.balance() + 1 + r.nextInt(5));
                        orm.save(a);
                        if (op == 2) { // a second change of the same row in this transaction
                            a.balance(a.balance() + 1);
                            orm.save(a);
                        }
                        touched.add(a.id());
                    }
                }
                // every version this transaction wrote: the rows are this writer's alone
                var span = db.sql("SELECT MIN(valid_from) AS s, MAX(valid_from) AS e FROM purse_history WHERE "
                        + "history_id > ? AND id IN (" + in(touched) + ")", baseline).list().get(0);
                Map<Long, String> state = new TreeMap<>();
                mine.forEach(a -> state.put(a.id(), a.owner() + " " + a.balance()));
                return new Step(time(span.getString("s")), time(span.getString("e")), state);
            }));
            everMine.addAll(steps.get(steps.size() - 1).state().keySet());
            everMine.addAll(committed);
        }
        return steps;
    }

    @AllEngines
    void asOfMatchesTheRecordedStateAtRandomInstants(Scratch s) throws Exception {
        Database db = s.open(b -> b.maxPoolSize(4));
        AppCaptureTest.migrate(db);
        Orm orm = Orm.builder().database(db).models(Purse_.TYPE).build();
        long seed = new Random().nextLong();
        List<List<Step>> writers = new ArrayList<>();
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Step>>> fs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int me = w;
                fs.add(ex.submit(() -> writer(db, orm, me, seed + me)));
            }
            for (Future<List<Step>> f : fs) {
                writers.add(f.get());
            }
        } finally {
            ex.shutdown();
        }
        List<Step> all = writers.stream().flatMap(List::stream).sorted((a, b) -> a.start().compareTo(b.start()))
                .toList();
        ChronoUnit unit = s.engine() == io.covet.core.engine.Engine.SQLITE ? ChronoUnit.MILLIS : ChronoUnit.MICROS;
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
            orm.objects(Purse_.TYPE).asOf(at).list().forEach(a -> actual.put(a.id(), a.owner() + " " + a.balance()));
            assertThat(actual).as("asOf(%s), seed %d", at, seed).isEqualTo(expected);
        }
    }
}
