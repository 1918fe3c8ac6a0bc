package io.covet.orm.soft;

import io.covet.orm.ProcessorRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor refuses a {@code @SoftDelete} or {@code @Manager} it could not serve, saying what to write. */
class SoftDeleteProcessorTest {

    /** Runs the processor over sources in package {@code app}; returns the error messages. */
    private static List<String> errors(Map<String, String> sources) throws Exception {
        return ProcessorRun.errors(sources, Files.createTempDirectory("covet-soft"));
    }

    @Test
    void aSoftDeleteNeedsNullableFieldsOfTheRightTypes() throws Exception {
        assertThat(errors(Map.of("Doc", """
                package app;
                import io.covet.orm.*;
                @Model @SoftDelete(deletedBy = "who")
                public class Doc extends Entity {
                    @PrimaryKey Long id;
                    java.time.Instant deletedAt;
                    @Column(nullable = true) Integer who;
                }
                """))).containsExactlyInAnyOrder(
                "@SoftDelete of Doc needs a nullable java.time.Instant field named deletedAt (deletedAt is not one): "
                        + "declare '@Column(nullable = true) Instant deletedAt;' or name another with "
                        + "@SoftDelete(field = \"...\")",
                "@SoftDelete(deletedBy = \"who\") of Doc needs a nullable String field named who (who is not one): "
                        + "declare '@Column(nullable = true) String who;'");
        assertThat(errors(Map.of("Note", """
                package app;
                import io.covet.orm.*;
                @Model @SoftDelete(field = "gone")
                public class Note extends Entity {
                    @PrimaryKey Long id;
                }
                """))).containsExactly("@SoftDelete of Note needs a nullable java.time.Instant field named gone "
                + "(there is none): declare '@Column(nullable = true) Instant gone;' or name another with "
                + "@SoftDelete(field = \"...\")");
    }

    @Test
    void aRecordModelCannotSoftDelete() throws Exception {
        assertThat(errors(Map.of("Reading", """
                package app;
                import io.covet.orm.*;
                @Model @SoftDelete
                public record Reading(@PrimaryKey(auto = false) Long id, @Column(nullable = true) java.time.Instant deletedAt) {
                }
                """))).containsExactly("Reading is a record model: @SoftDelete and @Manager need a class extending "
                + "Entity (record queries and saves have neither)");
    }

    @Test
    void aManagerNeedsAPublicConstructorTakingTheQuerySet() throws Exception {
        assertThat(errors(Map.of("Memo", """
                package app;
                import io.covet.orm.*;
                @Model @Manager(MemoQuery.class)
                public class Memo extends Entity {
                    @PrimaryKey Long id;
                }
                """, "MemoQuery", """
                package app;
                import io.covet.orm.*;
                public final class MemoQuery extends CustomQuerySet<Memo, MemoQuery> {
                    MemoQuery(QuerySet<Memo> base) {
                        super(base, MemoQuery::new);
                    }
                }
                """))).containsExactly("@Manager(MemoQuery.class) of Memo needs a concrete class with a public "
                + "constructor taking QuerySet<Memo>, which orm.objects(Memo_.TYPE) calls: add 'public MemoQuery("
                + "QuerySet<Memo> base) { super(base, MemoQuery::new); }'");
    }
}
