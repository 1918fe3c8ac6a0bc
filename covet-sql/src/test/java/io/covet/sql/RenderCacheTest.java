package io.covet.sql;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static io.covet.sql.Orders.ORDERS;
import static io.covet.sql.Sql.select;
import static io.covet.sql.Users.USERS;
import static org.assertj.core.api.Assertions.assertThat;

/** The render cache: reuse for equal shapes, never for different ones, and no user data kept in its keys. */
class RenderCacheTest {
    private static final Dialect PG = Dialect.of(Engine.POSTGRESQL);

    private static Select query(String country, long minId, BigDecimal total, int limit) {
        Users u = USERS.as("u");
        return select(u.ID, u.NAME, ORDERS.TOTAL).from(u).join(ORDERS, ORDERS.USER_ID.eq(u.ID))
                .where(u.COUNTRY.eq(country).and(u.ID.ge(minId)).and(ORDERS.TOTAL.gt(total))
                        .and(ORDERS.STATUS.in("paid", "open")).and(u.EMAIL.endsWith("@example.com")))
                .orderBy(u.ID.desc()).limit(limit);
    }

    @Test
    void theSameShapeWithOtherValuesReusesTheRenderedText() {
        RenderedSql first = query("NO", 1, BigDecimal.ONE, 10).render(PG);
        long hits = RenderCache.stats().get(0);
        RenderedSql second = query("GB", 7, BigDecimal.TEN, 20).render(PG);
        assertThat(RenderCache.stats().get(0)).isEqualTo(hits + 1);
        assertThat(second.sql()).isSameAs(first.sql());
        assertThat(first.params()).containsExactly("NO", 1L, BigDecimal.ONE, "paid", "open", "%@example.com", 10L);
        assertThat(second.params()).containsExactly("GB", 7L, BigDecimal.TEN, "paid", "open", "%@example.com", 20L);
    }

    @Test
    void aHitCollectsTheSameParametersInTheSameOrderAsAFullRender() {
        Cte tree = Sql.cte("tree");
        Field<Integer> depth = Sql.val(0, Integer.class).as("depth");
        Select complex = Sql.withRecursive(tree.as(select(USERS.ID, depth).from(USERS).where(USERS.ID.eq(1L))
                        .unionAll(select(USERS.ID, tree.field(depth).plus(1)).from(USERS)
                                .join(tree, USERS.ID.eq(tree.field(USERS.ID).plus(1L))))))
                .select(tree.field(USERS.ID), Windows.ntile(3).over(Windows.orderBy(tree.field(depth))
                        .rowsBetween(Frame.preceding(2), Frame.following(4))))
                .from(tree).where(tree.field(depth).lt(5).and(Sql.rawCondition("? < ?", tree.field(depth), 9)))
                .orderBy(tree.field(USERS.ID)).seekAfter(3L).limit(5).offset(6);
        for (Dialect d : Golden.all()) {
            RenderCache.reset();
            RenderedSql full = complex.render(d);
            RenderedSql dry = complex.render(d);
            assertThat(RenderCache.stats().subList(0, 2)).containsExactly(1L, 1L);
            assertThat(dry.sql()).isSameAs(full.sql());
            assertThat(dry.params()).isEqualTo(full.params())
                    .containsExactly(0, 1L, 1, 1L, 3, 2L, 4L, 5, 9, 3L, 5L, 6L);
        }
    }

    @Test
    void differentShapesNeverShareText() {
        List<Query> shapes = List.of(
                select(USERS.ID).from(USERS).where(USERS.ID.eq(1L)),
                select(USERS.ID).from(USERS).where(USERS.ID.ne(1L)),
                select(USERS.ID).from(USERS).where(USERS.ID.in(1L, 2L)),
                select(USERS.ID).from(USERS).where(USERS.ID.in(1L, 2L, 3L)),
                select(USERS.ID).from(USERS.as("a")).where(USERS.ID.eq(1L)),
                select(USERS.ID).from(USERS.as("b")).where(USERS.ID.eq(1L)),
                select(USERS.NAME).from(USERS).where(USERS.ID.eq(1L)),
                select(Json.extractText(Events.EVENTS.DATA, "a", "b")).from(Events.EVENTS),
                select(Json.extractText(Events.EVENTS.DATA, "a", 0)).from(Events.EVENTS),
                select(USERS.ID).from(USERS).orderBy(USERS.ID).limit(1),
                select(USERS.ID).from(USERS).orderBy(USERS.ID).offset(1),
                Sql.deleteFrom(USERS).where(USERS.ID.eq(1L)),
                Sql.update(USERS).set(USERS.NAME, "x").where(USERS.ID.eq(1L)));
        for (Dialect d : Golden.all()) {
            RenderCache.reset();
            List<String> fresh = new ArrayList<>();
            for (Query q : shapes) {
                fresh.add(q.render(d).sql());
            }
            for (int i = shapes.size() - 1; i >= 0; i--) {
                assertThat(shapes.get(i).render(d).sql()).as("shape %d on %s", i, d.engine()).isEqualTo(fresh.get(i));
            }
            assertThat(RenderCache.stats().get(0)).isEqualTo(shapes.size());
            if (d == PG) {
                assertThat(fresh).doesNotHaveDuplicates();
            }
        }
        // A typed parameter is another shape even where it renders the same text (only PostgreSQL casts it).
        Select typed = select(USERS.ID).from(USERS).where(USERS.ID.eq(Sql.val(1L, Long.class)));
        assertThat(typed).isNotEqualTo(shapes.get(0));
        assertThat(typed.render(PG).sql()).isNotEqualTo(shapes.get(0).render(PG).sql());
        assertThat(typed.render(Golden.SQLITE).sql()).isEqualTo(shapes.get(0).render(Golden.SQLITE).sql());
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = 0; j < shapes.size(); j++) {
                assertThat(shapes.get(i).equals(shapes.get(j))).isEqualTo(i == j);
            }
        }
    }

    /** A node whose hash always collides, to show that a collision is resolved by equality, never by the hash. */
    record Colliding(String text) implements Node {
        @Override
        public void render(Ctx ctx) {
            ctx.sql(text);
        }

        @Override
        public int hashCode() {
            return 42;
        }
    }

    @Test
    void hashCollisionsNeverProduceAnotherShapesText() {
        for (int i = 0; i < 50; i++) {
            assertThat(RenderCache.render(new Colliding("SELECT " + i), PG).sql()).isEqualTo("SELECT " + i);
        }
        for (int i = 49; i >= 0; i--) {
            assertThat(RenderCache.render(new Colliding("SELECT " + i), PG).sql()).isEqualTo("SELECT " + i);
        }
    }

    @Test
    void eachEngineHasItsOwnEntries() {
        Select q = select(USERS.ID).from(USERS);
        assertThat(q.render(Golden.PG).sql()).isEqualTo("SELECT \"users\".\"id\" FROM \"users\"");
        assertThat(q.render(Golden.MARIADB).sql()).isEqualTo("SELECT `users`.`id` FROM `users`");
        // A fresh Dialect object of the same engine and features shares the entry.
        assertThat(q.render(Dialect.of(Engine.MARIADB)).sql()).isSameAs(q.render(Golden.MARIADB).sql());
    }

    @Test
    void keysKeepNoValues() {
        FullText search = FullText.index("s", Docs.DOCS.ID, Docs.DOCS.TITLE);
        Select q = query("secret-country", 42, new BigDecimal("9.99"), 3)
                .where(Json.hasKey(Events.EVENTS.DATA, "secret-key"))
                .where(Json.extractText(Events.EVENTS.DATA, "secret-path", 7).eq("secret-value"))
                .where(search.matches("secret words"))
                .where(USERS.ID.in(select(ORDERS.USER_ID).from(ORDERS).where(ORDERS.STATUS.eq("secret-status"))
                        .asTable("d").field(ORDERS.USER_ID).isNotNull() == null ? null : select(ORDERS.USER_ID)
                        .from(select(ORDERS.USER_ID).from(ORDERS).where(ORDERS.STATUS.eq("secret-nested"))
                                .asTable("d2"))))
                .window(Windows.named("w").orderBy(USERS.ID).rowsBetween(Frame.preceding(77), Frame.currentRow()));
        Object stripped = Shapes.strip(q.m);
        assertThat(stripped).isEqualTo(q.m);
        assertThat(stripped.hashCode()).isEqualTo(q.m.hashCode());
        List<Object> leaks = new ArrayList<>();
        walk(stripped, leaks, new IdentityHashMap<>());
        assertThat(leaks).isEmpty();
        // and the original still renders its values
        assertThat(q.render(PG).params()).contains("secret-country", "secret-key", "secret-nested", 77L);
    }

    /** Collects every user value still reachable from a stripped tree. */
    private static void walk(Object o, List<Object> leaks, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Param<?> p) {
            if (p.value() != null) {
                leaks.add(p.value());
            }
        } else if (o instanceof String s) {
            if (s.startsWith("secret")) {
                leaks.add(s);
            }
        } else if (o instanceof List<?> l) {
            l.forEach(e -> walk(e, leaks, seen));
        } else if (o instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    walk(c.getAccessor().invoke(r), leaks, seen);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else if (!(o instanceof Number || o instanceof Enum<?> || o instanceof Class<?> || o instanceof Boolean)) {
            for (java.lang.reflect.Field f : fields(o.getClass())) {
                try {
                    f.setAccessible(true);
                    walk(f.get(o), leaks, seen);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private static List<java.lang.reflect.Field> fields(Class<?> type) {
        List<java.lang.reflect.Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    @Test
    void theCacheStaysBounded() {
        for (int i = 0; i < RenderCache.MAX + 10; i++) {
            select(USERS.ID).from(USERS.as("a" + i)).render(PG);
        }
        assertThat(RenderCache.stats().get(2)).isLessThanOrEqualTo((long) RenderCache.MAX);
    }
}
