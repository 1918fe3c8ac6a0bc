package io.covet.orm.deferred;

import io.covet.orm.ProcessorRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @Column(deferred = true)} at compile time: refused on a key and on a record, generated otherwise. */
class DeferredProcessorTest {

    /** Runs the processor over one source of package {@code app}; the errors, and the generated metamodel's text. */
    private static List<String> compile(String className, String source, Path out) {
        return ProcessorRun.errors(className, source, out);
    }

    @Test
    void aDeferredKeyOrRecordFieldIsACompileError() throws Exception {
        Path out = Files.createTempDirectory("covet-deferred");
        assertThat(compile("Key", """
                package app;
                import io.covet.orm.*;
                @Model
                public class Key extends Entity {
                    @PrimaryKey @Column(deferred = true) Long id;
                }
                """, out)).singleElement().asString()
                .contains("field Key.id is a primary key and @Column(deferred = true); the key is always loaded");
        assertThat(compile("Rec", """
                package app;
                import io.covet.orm.*;
                @Model
                public record Rec(@PrimaryKey Long id, @Column(deferred = true) String text) {
                }
                """, out)).anySatisfy(e -> assertThat(e)
                .contains("field Rec.text is @Column(deferred = true) on a record model"));
    }

    @Test
    void aDeferredFieldIsGeneratedAsDeferredByDefault() throws Exception {
        Path out = Files.createTempDirectory("covet-deferred");
        assertThat(compile("Doc", """
                package app;
                import io.covet.orm.*;
                @Model(table = "doc")
                public class Doc extends Entity {
                    @PrimaryKey Long id;
                    @Column(maxLength = 10) String name;
                    @Column(type = FieldType.TEXT, deferred = true) String body;
                }
                """, out)).isEmpty();
        String generated = Files.readString(out.resolve("app/Doc_.java"));
        assertThat(generated).contains("public boolean deferredByDefault(int field)").contains("return field == 2;")
                .contains("public void readField(");
    }
}
