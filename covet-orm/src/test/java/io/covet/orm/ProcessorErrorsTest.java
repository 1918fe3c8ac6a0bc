package io.covet.orm;

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
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor refuses models the generated code could not serve, with a compile error saying what to do. */
class ProcessorErrorsTest {

    private static List<String> compile(String className, String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///app/" + className + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        Path out = Files.createTempDirectory("covet-processor");
        JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics,
                List.of("-proc:only", "-d", out.toString(), "-s", out.toString(), "-classpath",
                        System.getProperty("java.class.path")), null, List.of(file));
        task.setProcessors(List.of(new ModelProcessor()));
        task.call();
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).toList();
    }

    @Test
    void privateFieldsUnsupportedTypesAndMissingBaseClassAreCompileErrors() throws Exception {
        List<String> errors = compile("Bad", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Bad extends Entity {
                    @PrimaryKey Long id;
                    private String secret;
                    java.util.Date when;
                    @PrimaryKey(auto = true) String code;
                }
                """);
        assertThat(errors).containsExactlyInAnyOrder(
                "field Bad.secret is private: the generated Bad_ reads and assigns persistent fields directly (no "
                        + "reflection), so make it package-private, add a non-private getter and setter, or mark it "
                        + "transient if it is not persistent",
                "field Bad.when has type java.util.Date, which has no column mapping; supported: Integer, Long, Short, "
                        + "BigDecimal, Double, Float, Boolean, String, UUID, LocalDate, LocalTime, LocalDateTime, "
                        + "Instant, OffsetDateTime, Duration, enums, JsonNode (or any type with @Column(type = JSON)), byte[], "
                        + "InetAddress, Ref<Model>; mark it transient if it is not persistent",
                "auto primary key Bad.code must be Long, Integer or Short; for another type use @PrimaryKey(auto = "
                        + "false) and assign it yourself");

        assertThat(compile("Plain", """
                package app;
                @io.covet.orm.Model
                public class Plain {
                    Long id;
                }
                """)).containsExactly("Plain is annotated @Model but does not extend io.covet.orm.Entity");
    }

    @Test
    void aValidModelGeneratesItsMetamodel() throws Exception {
        assertThat(compile("Fine", """
                package app;
                import io.covet.orm.*;
                @Model(table = "fine")
                public class Fine extends Entity {
                    @PrimaryKey Long id;
                    @Column(maxLength = 10) String name;
                }
                """)).isEmpty();
    }
}
