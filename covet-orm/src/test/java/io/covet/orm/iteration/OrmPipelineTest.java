package io.covet.orm.iteration;

import io.covet.core.Database;
import io.covet.core.pipeline.LazyLoad;
import io.covet.core.pipeline.Operation;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ORM's statements reach the database's interceptors with their operation and the tables they touch: the ORM
 * names them (from covet-sql's rendering or its own plans), Covet never parses SQL for them.
 */
class OrmPipelineTest {


    @AllEngines
    void everyOrmStatementCarriesItsOperationAndTables(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        Orm orm = Orm.builder().database(db).models(Poet_.TYPE, Poem_.TYPE).build();

        orm.createTables();
        List<StatementContext> ddl = rec.take();
        assertThat(ddl).isNotEmpty().allSatisfy(c -> {
            assertThat(c.operation()).isEqualTo(Operation.DDL);
            assertThat(c.tables()).hasSize(1).containsAnyOf("poet", "poem");
        });
        assertThat(ddl).anySatisfy(c -> assertThat(c.tables()).containsExactly("poet"));
        assertThat(ddl).anySatisfy(c -> assertThat(c.tables()).containsExactly("poem"));

        Poet sappho = orm.save(new Poet("Sappho"));
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.INSERT);
            assertThat(c.tables()).containsExactly("poet");
        });

        sappho.name = "Sappho of Lesbos";
        orm.save(sappho);
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.UPDATE);
            assertThat(c.tables()).containsExactly("poet");
        });

        // the key lookup runs from a plan rendered once per model: both the first and a later get name the table
        for (int i = 0; i < 2; i++) {
            assertThat(orm.objects(Poet_.TYPE).get(sappho.id).name).isEqualTo("Sappho of Lesbos");
            assertThat(rec.take()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(StatementKind.QUERY);
                assertThat(c.operation()).isEqualTo(Operation.SELECT);
                assertThat(c.tables()).containsExactly("poet");
            });
        }

        assertThat(orm.objects(Poet_.TYPE).filter(Poet_.NAME.eq("Sappho of Lesbos")).list()).hasSize(1);
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.SELECT);
            assertThat(c.tables()).containsExactly("poet");
        });

        List<Poem> poems = orm.objects(Poem_.TYPE).bulkCreate(List.of(new Poem(sappho, "Ode to Aphrodite"),
                new Poem(sappho, "Fragment 31")));
        assertThat(rec.take()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.operation()).isEqualTo(Operation.INSERT);
            assertThat(c.tables()).containsExactly("poem");
        });

        poems.forEach(p -> p.title = p.title.toUpperCase());
        assertThat(orm.objects(Poem_.TYPE).bulkUpdate(poems, "title")).isEqualTo(2);
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(StatementKind.BATCH);
            assertThat(c.operation()).isEqualTo(Operation.UPDATE);
            assertThat(c.batchSize()).isEqualTo(2);
            assertThat(c.tables()).containsExactly("poem");
        });

        // COPY on PostgreSQL, multi-row INSERTs elsewhere: an INSERT into poem either way
        assertThat(orm.objects(Poem_.TYPE).bulkLoad(List.of(new Poem(sappho, "Fragment 16")))).isEqualTo(1);
        assertThat(rec.take()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.operation()).isEqualTo(Operation.INSERT);
            assertThat(c.tables()).containsExactly("poem");
        });

        List<Poem> joined = orm.objects(Poem_.TYPE).selectRelated(Poem_.POET).list();
        assertThat(joined).hasSize(3);
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.SELECT);
            assertThat(c.tables()).containsExactlyInAnyOrder("poem", "poet");
        });

        List<Poet> prefetched = orm.objects(Poet_.TYPE).prefetchRelated(Poet_.POEMS).list();
        assertThat(prefetched).singleElement().satisfies(p -> assertThat(p.poems.all()).hasSize(3));
        List<StatementContext> reads = rec.take();
        assertThat(reads).allSatisfy(c -> assertThat(c.operation()).isEqualTo(Operation.SELECT));
        assertThat(reads).extracting(StatementContext::tables).containsExactly(List.of("poet"), List.of("poem"));

        // deleting the poet cascades to its poems: Covet finds and deletes them itself
        orm.delete(orm.objects(Poet_.TYPE).get(sappho.id));
        List<StatementContext> delete = rec.take();
        assertThat(delete).allSatisfy(c -> assertThat(c.tables()).isNotEmpty());
        assertThat(delete).anySatisfy(c -> {
            assertThat(c.operation()).isEqualTo(Operation.DELETE);
            assertThat(c.tables()).containsExactly("poem");
        });
        assertThat(delete).anySatisfy(c -> {
            assertThat(c.operation()).isEqualTo(Operation.DELETE);
            assertThat(c.tables()).containsExactly("poet");
        });
        assertThat(orm.objects(Poem_.TYPE).count()).isZero();
    }

    @AllEngines
    void lazyLoadsAreMarkedAndEagerLoadsAreNot(Scratch s) {
        Recorder rec = new Recorder();
        Database db = s.open(b -> b.interceptor(rec));
        Orm orm = Orm.builder().database(db).models(Poet_.TYPE, Poem_.TYPE).build();
        orm.createTables();
        Poet sappho = orm.save(new Poet("Sappho"));
        orm.save(new Poem(sappho, "Ode to Aphrodite"));
        rec.take();

        Poem poem = orm.objects(Poem_.TYPE).list().get(0);
        assertThat(rec.take()).singleElement().satisfies(c -> assertThat(c.lazyLoad()).isEmpty());
        assertThat(poem.poet.get().name).isEqualTo("Sappho");
        assertThat(rec.take()).singleElement().satisfies(c -> {
            assertThat(c.tables()).containsExactly("poet");
            LazyLoad mark = c.lazyLoad().orElseThrow();
            assertThat(mark.model()).isEqualTo("Poem");
            assertThat(mark.relation()).isEqualTo("poet");
            assertThat(mark.toMany()).isFalse();
        });
        assertThat(LazyLoad.current()).isEmpty();

        Poet poet = orm.objects(Poet_.TYPE).get(sappho.id);
        rec.take();
        assertThat(poet.poems.all()).hasSize(1);
        assertThat(rec.take()).singleElement().satisfies(c -> {
            LazyLoad mark = c.lazyLoad().orElseThrow();
            assertThat(mark.model()).isEqualTo("Poet");
            assertThat(mark.relation()).isEqualTo("poems");
            assertThat(mark.toMany()).isTrue();
        });

        orm.objects(Poem_.TYPE).selectRelated(Poem_.POET).list().get(0).poet.get();
        orm.objects(Poet_.TYPE).prefetchRelated(Poet_.POEMS).list().get(0).poems.all();
        assertThat(rec.take()).hasSize(3).allSatisfy(c -> assertThat(c.lazyLoad()).isEmpty());
    }
}
