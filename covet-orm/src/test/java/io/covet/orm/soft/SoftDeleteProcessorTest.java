package io.covet.orm.soft;

import io.covet.orm.processor.ModelProcessor;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor refuses a {@code @SoftDelete} or {@code @Manager} it could not serve, saying what to write. */
class SoftDeleteProcessorTest {

    /** Runs the processor over sources in package {@code app}; returns the error messages. */
    private static List<String> errors(Map<String, String> sources) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> files = new ArrayList<>();
        sources.forEach((name, source) -> files.add(new SimpleJavaFileObject(
                URI.create("string:///app/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        }));
        String out = Files.createTempDirectory("covet-soft").toString();
        JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics, List.of("-proc:only", "-d", out,
                "-s", out, "-classpath", System.getProperty("java.class.path")), null, files);
        task.setProcessors(List.of(new ModelProcessor()));
        task.call();
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).toList();
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
