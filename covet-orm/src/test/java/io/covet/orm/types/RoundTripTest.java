package io.covet.orm.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelType;
import io.covet.orm.Orm;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.EngineSource;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style round trips: for every field type, many random values (seeded, with the edge cases first) are
 * saved and read back on each engine, and must come back equal.
 */
class RoundTripTest {
    private static final int VALUES_PER_TYPE = 40;
    private static final String CHARS = "aZ09 '\"\\%_;-–é漢字\uD83D\uDE00\t\n";

    static Map<String, Function<Random, Object>> generators() {
        Map<String, Function<Random, Object>> g = new LinkedHashMap<>();
        g.put("anInt", edges(List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1), Random::nextInt));
        g.put("aLong", edges(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L), Random::nextLong));
        g.put("aShort", edges(List.of(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0), r -> (short) r.nextInt()));
        g.put("aDecimal", edges(List.of(new BigDecimal("99999999999.9999"), new BigDecimal("-99999999999.9999"),
                new BigDecimal("0.0000"), new BigDecimal("0.0001")), r -> new BigDecimal(
                BigInteger.valueOf(r.nextLong() % 1_000_000_000_000_000L), 4)));
        g.put("aDouble", edges(List.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0.0, 1.0 / 3),
                r -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(600) - 300)));
        g.put("aFloat", edges(List.of(Float.MAX_VALUE, Float.MIN_NORMAL, 0.0f, 1.0f / 3),
                r -> (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(70) - 35))));
        g.put("aBoolean", edges(List.of(true, false), Random::nextBoolean));
        g.put("aString", edges(List.of("", " padded ", "x".repeat(40)), r -> text(r, 40)));
        g.put("aText", edges(List.of("", "long ".repeat(2000)), r -> text(r, 3000)));
        g.put("anEmail", r -> "user" + r.nextInt(100000) + "@example" + r.nextInt(99) + ".org");
        g.put("aUrl", r -> "https://example.org/p/" + r.nextInt(100000) + "?q=" + r.nextInt());
        g.put("aSlug", r -> "slug-" + Integer.toString(r.nextInt(Integer.MAX_VALUE), 36) + "_x");
        g.put("aUuid", edges(List.of(new UUID(0, 0), new UUID(-1, -1)), r -> new UUID(r.nextLong(), r.nextLong())));
        g.put("aDate", edges(List.of(LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(1970, 1, 1),
                LocalDate.of(2000, 2, 29), LocalDate.of(1582, 10, 15)),
                r -> LocalDate.ofEpochDay(r.nextInt(2_900_000) - 700_000)));
        g.put("aTime", edges(List.of(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000), LocalTime.NOON),
                r -> LocalTime.ofNanoOfDay((Math.floorMod(r.nextLong(), 86_400_000_000L)) * 1000)));
        g.put("anInstant", edges(List.of(Instant.EPOCH, Instant.parse("1970-01-01T00:00:00.000001Z"),
                Instant.parse("2038-01-19T03:14:08Z"), Instant.parse("1900-01-01T00:00:00Z")), RoundTripTest::instant));
        g.put("anOffsetDateTime", r -> instant(r).atOffset(ZoneOffset.UTC));
        g.put("aLocalDateTime", edges(List.of(LocalDateTime.of(1000, 1, 1, 0, 0),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(2000, 2, 29, 12, 0, 0, 1000)),
                r -> LocalDateTime.ofEpochSecond(instant(r).getEpochSecond(), r.nextInt(1_000_000) * 1000,
                        ZoneOffset.UTC)));
        g.put("aDuration", edges(List.of(Duration.ZERO, Duration.ofNanos(1000), Duration.ofDays(-36500)),
                r -> Duration.of(r.nextLong() % 1_000_000_000_000_000L, ChronoUnit.MICROS)));
        g.put("aMood", r -> Mood.values()[r.nextInt(Mood.values().length)]);
        g.put("aMoodOrdinal", r -> Mood.values()[r.nextInt(Mood.values().length)]);
        g.put("aJson", edges(List.of(JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode()),
                r -> json(r, 3)));
        g.put("aPoint", r -> new Point(r.nextInt(), text(r, 10)));
        g.put("someBytes", edges(List.of(new byte[]{0}, new byte[]{(byte) 0xff, 0, 0x27, 0x5c}), r -> {
            byte[] b = new byte[1 + r.nextInt(300)];
            r.nextBytes(b);
            return b;
        }));
        g.put("anIp", edges(List.of(ip("0.0.0.0"), ip("255.255.255.255"), ip("::1"), ip("2001:db8::ff00:42:8329")),
                r -> {
                    byte[] b = new byte[r.nextBoolean() ? 4 : 16];
                    r.nextBytes(b);
                    try {
                        return InetAddress.getByAddress(b);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        g.put("aPrimitiveInt", Random::nextInt);
        g.put("aPrimitiveBoolean", Random::nextBoolean);
        return g;
    }

    /**
     * One dynamic test per engine and field type: the values of every type are bulk-inserted once per engine, read
     * back, and each type's test asserts that all of its values came back equal.
     */
    @TestFactory
    Stream<DynamicContainer> everyFieldTypeRoundTripsExactly() {
        return EngineSource.selected().stream().map(engine -> {
            Supplier<Map<String, List<String>>> results = memoize(() -> roundTrip(engine));
            return DynamicContainer.dynamicContainer(engine.displayName(), generators().keySet().stream()
                    .map(field -> DynamicTest.dynamicTest(field, () -> assertThat(results.get().get(field))
                            .as(field + " values that did not round-trip on " + engine).isEmpty())));
        });
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        Object[] box = new Object[1];
        return () -> {
            if (box[0] == null) {
                box[0] = s.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) box[0];
            return t;
        };
    }

    /** Saves VALUES_PER_TYPE values of every type on a fresh database and returns the mismatches per type. */
    private static Map<String, List<String>> roundTrip(Engine engine) {
        try (Scratch s = Scratch.on(engine)) {
            Orm orm = Orm.builder().database(s.db()).models(AllTypes_.TYPE).validateOnSave(false).build();
            orm.createTables();
            ModelType<AllTypes> type = AllTypes_.TYPE;
            Random random = new Random(20261127L);
            List<AllTypes> rows = new ArrayList<>();
            List<String> fieldOfRow = new ArrayList<>();
            Map<String, List<String>> mismatches = new LinkedHashMap<>();
            for (Map.Entry<String, Function<Random, Object>> e : generators().entrySet()) {
                int field = type.meta().indexOf(e.getKey());
                mismatches.put(e.getKey(), new ArrayList<>());
                int n = 0;
                for (Object edge : edgeValues(e.getValue())) {
                    rows.add(row(type, field, edge));
                    fieldOfRow.add(e.getKey());
                    n++;
                }
                for (; n < VALUES_PER_TYPE; n++) {
                    rows.add(row(type, field, e.getValue().apply(random)));
                    fieldOfRow.add(e.getKey());
                }
            }
            orm.objects(type).bulkCreate(rows);
            Map<Object, AllTypes> back = orm.objects(type).inBulk(rows.stream().map(AllTypes::primaryKeyOf).toList());
            for (int i = 0; i < rows.size(); i++) {
                AllTypes sent = rows.get(i);
                AllTypes got = back.get(sent.id);
                for (int f = 1; f < type.meta().fields().size(); f++) {
                    Object a = type.get(sent, f);
                    Object b = got == null ? "<missing row>" : type.get(got, f);
                    if (!Objects.deepEquals(a, b)) {
                        mismatches.get(fieldOfRow.get(i)).add("row " + i + ": field " + type.meta().fields().get(f)
                                .name() + " sent " + show(a) + " read " + show(b));
                    }
                }
            }
            return mismatches;
        } catch (Exception e) {
            throw new IllegalStateException("round trip on " + engine + " failed: " + e, e);
        }
    }

    @AllEngines
    void nullsAndSingleRowSavesAndUpdatesRoundTrip(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(AllTypes_.TYPE).validateOnSave(false).build();
        orm.createTables();
        ModelType<AllTypes> type = AllTypes_.TYPE;
        AllTypes nulls = new AllTypes(); // every nullable field NULL
        orm.save(nulls);
        AllTypes n = orm.objects(type).get((Object) nulls.id);
        for (int f = 1; f < type.meta().fields().size(); f++) {
            FieldMeta fm = type.meta().fields().get(f);
            if (fm.nullable()) {
                assertThat(type.get(n, f)).as(fm.name()).isNull();
            }
        }
        // the single-row insert and an update of every field agree with what was set
        Random again = new Random(7);
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, Function<Random, Object>> e : generators().entrySet()) {
                type.set(n, type.meta().indexOf(e.getKey()), e.getValue().apply(again));
            }
            orm.save(n);
            AllTypes reread = orm.objects(type).get((Object) nulls.id);
            for (int f = 1; f < type.meta().fields().size(); f++) {
                assertThat(type.get(reread, f)).as(type.meta().fields().get(f).name()).isEqualTo(type.get(n, f));
            }
        }
    }

    @AllEngines
    void offsetDateTimesComeBackAtUtc(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(AllTypes_.TYPE).build();
        orm.createTables();
        AllTypes t = new AllTypes();
        t.anOffsetDateTime = OffsetDateTime.parse("2024-03-01T12:30:00.123456+02:00");
        orm.save(t);
        OffsetDateTime back = orm.objects(AllTypes_.TYPE).get((Object) t.id).anOffsetDateTime;
        assertThat(back).isEqualTo(OffsetDateTime.parse("2024-03-01T10:30:00.123456Z"));
    }

    @AllEngines
    void localDateTimesCompareAndSortInTimeOrder(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(AllTypes_.TYPE).build();
        orm.createTables();
        // zero seconds, no fraction and fractions of different widths: as text only a fixed width sorts right
        List<LocalDateTime> values = List.of(LocalDateTime.parse("2024-03-01T12:30:00.5"),
                LocalDateTime.parse("2024-03-01T12:30"), LocalDateTime.parse("2024-03-01T12:30:00.000001"),
                LocalDateTime.parse("2024-03-01T12:29:59.999999"), LocalDateTime.parse("2024-03-01T12:30:01"));
        for (LocalDateTime v : values) {
            AllTypes t = new AllTypes();
            t.aLocalDateTime = v;
            orm.save(t);
        }
        assertThat(orm.objects(AllTypes_.TYPE).orderBy(AllTypes_.A_LOCAL_DATE_TIME.asc())
                .valuesFlat(AllTypes_.A_LOCAL_DATE_TIME)).containsExactlyElementsOf(values.stream().sorted().toList());
        assertThat(orm.objects(AllTypes_.TYPE).filter(AllTypes_.A_LOCAL_DATE_TIME.gt(LocalDateTime.parse(
                "2024-03-01T12:30"))).count()).isEqualTo(3);
        assertThat(orm.objects(AllTypes_.TYPE).get(AllTypes_.A_LOCAL_DATE_TIME.eq(LocalDateTime.parse(
                "2024-03-01T12:30"))).aLocalDateTime).isEqualTo(LocalDateTime.parse("2024-03-01T12:30:00"));
    }

    private static AllTypes row(ModelType<AllTypes> type, int field, Object value) {
        AllTypes t = new AllTypes();
        type.set(t, field, value);
        return t;
    }

    private static String show(Object v) {
        return v instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(v);
    }

    private static Function<Random, Object> edges(List<?> edges, Function<Random, ?> random) {
        return new Edged(edges, random);
    }

    private record Edged(List<?> edges, Function<Random, ?> random) implements Function<Random, Object> {
        @Override
        public Object apply(Random r) {
            return random.apply(r);
        }
    }

    private static List<?> edgeValues(Function<Random, Object> g) {
        return g instanceof Edged e ? e.edges() : List.of();
    }

    private static Instant instant(Random r) {
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        return Instant.ofEpochSecond(from + Math.floorMod(r.nextLong(), to - from), r.nextInt(1_000_000) * 1000L);
    }

    private static String text(Random r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder();
        while (sb.codePointCount(0, sb.length()) < n) {
            int i = r.nextInt(CHARS.length());
            char c = CHARS.charAt(i);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(CHARS.charAt(i + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static JsonNode json(Random r, int depth) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        int keys = r.nextInt(4);
        for (int k = 0; k < keys; k++) {
            String key = "k" + r.nextInt(100) + text(r, 3);
            switch (depth == 0 ? r.nextInt(4) : r.nextInt(6)) {
                case 0 -> o.put(key, r.nextInt());
                case 1 -> o.put(key, text(r, 12));
                case 2 -> o.put(key, r.nextBoolean());
                case 3 -> o.putNull(key);
                case 4 -> o.set(key, json(r, depth - 1));
                default -> {
                    ArrayNode a = o.putArray(key);
                    a.add(r.nextLong()).add(text(r, 5)).add(json(r, depth - 1));
                }
            }
        }
        return o;
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
