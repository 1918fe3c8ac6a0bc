package io.covet.examples.modules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves Covet's module boundary the way a modular application meets it: a small application module
 * ({@code module app { requires io.covet.orm; }}) with two models is compiled by javac on the module path, with
 * the annotation processor generating its {@code Foo_} metamodel classes, then run by a separate
 * {@code java --module-path … -m app/app.Main} that saves, filters and lists rows on SQLite, then takes an
 * encrypted backup and verifies it by a test restore (the manifest is read by Jackson through the module's
 * {@code opens}). A second
 * compilation shows that an internal package cannot be reached from that module.
 *
 * <p>The module path is not a hand-made list: it is what the module system resolves from this test's class path
 * (the built Covet modules and their dependencies) starting at {@code io.covet.orm}.
 */
class ModulePathTest {
    private static List<Path> modulePath;
    private static Path processorPath;

    @BeforeAll
    static void findModules() {
        List<Path> entries = new ArrayList<>();
        Path processor = null;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.isEmpty() || !Files.exists(p) || p.endsWith("test-classes")) {
                continue;
            }
            Optional<String> name = moduleName(p);
            if (name.isEmpty()) {
                continue;
            }
            if (name.get().equals("io.covet.orm.processor")) {
                processor = p;
            } else {
                entries.add(p);
            }
        }
        assertThat(processor).as("the annotation processor on the test class path").isNotNull();
        processorPath = processor;
        ModuleFinder finder = ModuleFinder.of(entries.toArray(Path[]::new));
        Set<String> roots = new LinkedHashSet<>(List.of("io.covet.orm", "io.covet.backup"));
        // a logging provider keeps SLF4J from printing its "no providers" notice into the application's stderr
        finder.find("org.slf4j.simple").ifPresent(m -> roots.add("org.slf4j.simple"));
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), roots);
        modulePath = cf.modules().stream().map(ResolvedModule::reference).map(ModuleReference::location)
                .flatMap(Optional::stream).map(Path::of).distinct().toList();
    }

    /** The module an entry of the class path would be on the module path, if it can be one. */
    private static Optional<String> moduleName(Path entry) {
        try {
            Set<ModuleReference> found = ModuleFinder.of(entry).findAll();
            return found.size() == 1 ? Optional.of(found.iterator().next().descriptor().name()) : Optional.empty();
        } catch (FindException e) {
            return Optional.empty(); // e.g. a directory of classes without a descriptor or a derivable name
        }
    }

    @Test
    void aModelModuleCompilesAgainstTheExportedApiAndRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        write(src.resolve("module-info.java"), """
                module app {
                    requires io.covet.orm;
                    requires io.covet.backup;
                }
                """);
        write(src.resolve("app/Owner.java"), """
                package app;

                import io.covet.orm.Column;
                import io.covet.orm.Entity;
                import io.covet.orm.Model;
                import io.covet.orm.PrimaryKey;

                @Model(table = "owner")
                public class Owner extends Entity {
                    @PrimaryKey
                    Long id;
                    @Column(maxLength = 50)
                    String name;

                    public Owner() {
                    }

                    public Owner(String name) {
                        this.name = name;
                    }
                }
                """);
        write(src.resolve("app/Pet.java"), """
                package app;

                import io.covet.orm.Column;
                import io.covet.orm.Entity;
                import io.covet.orm.ForeignKey;
                import io.covet.orm.Model;
                import io.covet.orm.OnDelete;
                import io.covet.orm.PrimaryKey;
                import io.covet.orm.Ref;

                @Model(table = "pet", ordering = "name")
                public class Pet extends Entity {
                    @PrimaryKey
                    Long id;
                    @Column(maxLength = 50)
                    String name;
                    @Column(maxLength = 20)
                    String species;
                    @ForeignKey(onDelete = OnDelete.CASCADE)
                    Ref<Owner> owner;

                    public Pet() {
                    }

                    public Pet(String name, String species, Owner owner) {
                        this.name = name;
                        this.species = species;
                        this.owner = Ref.to(owner);
                    }

                    public String name() {
                        return name;
                    }
                }
                """);
        write(src.resolve("app/Main.java"), """
                package app;

                import io.covet.backup.BackupInfo;
                import io.covet.backup.BackupKey;
                import io.covet.backup.BackupOptions;
                import io.covet.backup.BackupRepository;
                import io.covet.backup.Backups;
                import io.covet.backup.VerifyReport;
                import io.covet.core.Database;
                import io.covet.orm.Orm;

                public final class Main {
                    public static void main(String[] args) {
                        try (Database db = Database.open("sqlite:" + args[0])) {
                            Orm orm = Orm.builder().database(db).models(Owner_.TYPE, Pet_.TYPE).build();
                            orm.createTables();
                            Owner ada = orm.save(new Owner("Ada"));
                            Owner bob = orm.save(new Owner("Bob"));
                            orm.save(new Pet("Tom", "cat", ada));
                            orm.save(new Pet("Rex", "dog", bob));
                            orm.save(new Pet("Kit", "cat", bob));
                            System.out.println("cats: " + orm.objects(Pet_.TYPE).filter(Pet_.SPECIES.eq("cat"))
                                    .list().stream().map(Pet::name).toList());
                            System.out.println("pets of Bob: " + orm.objects(Pet_.TYPE)
                                    .filter(Pet_.OWNER, o -> o.name.eq("Bob")).list().stream().map(Pet::name).toList());

                            BackupKey key = BackupKey.generate();
                            try (BackupRepository repo = BackupRepository.open(args[1])) {
                                BackupInfo b = Backups.create(db, repo, BackupOptions.builder().key(key).build());
                                VerifyReport v = Backups.verify(repo, b.id(), key, VerifyReport.Mode.RESTORE);
                                System.out.println("backup of " + b.tables().size() + " tables verified: "
                                        + (v.intact() ? "intact" : v.problems()) + ", " + v.rows() + " rows");
                            }
                        }
                        System.out.println("app in module " + Main.class.getModule().getName()
                                + ", orm in module " + Orm.class.getModule().getName()
                                + ", core internal exported to app: "
                                + Database.class.getModule().isExported("io.covet.core.internal", Main.class.getModule()));
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Compilation c = compile(src, classes);
        assertThat(c.ok()).as(c.diagnostics()).isTrue();
        assertThat(classes.resolve("app/Pet_.class")).as("the metamodel the processor generated").exists();

        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", classes + File.pathSeparator + joined(modulePath),
                "-m", "app/app.Main", dir.resolve("pets.db").toString(), dir.resolve("backups").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the application finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("cats: [Kit, Tom]").contains("pets of Bob: [Kit, Rex]")
                .contains("backup of 2 tables verified: intact, 5 rows")
                .contains("app in module app, orm in module io.covet.orm, core internal exported to app: false");
    }

    @Test
    void anInternalPackageCannotBeReachedFromTheApplicationModule(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        write(src.resolve("module-info.java"), """
                module app {
                    requires io.covet.orm;
                }
                """);
        write(src.resolve("app/Sneaky.java"), """
                package app;

                public final class Sneaky {
                    static final Class<?> EXECUTOR = io.covet.core.internal.StatementExecutor.class;
                    static final Class<?> SPEC = io.covet.orm.internal.QuerySpec.class;
                }
                """);
        Compilation c = compile(src, dir.resolve("classes"));
        assertThat(c.ok()).isFalse();
        assertThat(c.diagnostics())
                .contains("package io.covet.core.internal is not visible")
                .contains("package io.covet.core.internal is declared in module io.covet.core, which does not export it")
                .contains("package io.covet.orm.internal is declared in module io.covet.orm, which does not export it");
    }

    private record Compilation(boolean ok, String diagnostics) {
    }

    private static Compilation compile(Path src, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
             var files = Files.walk(src)) {
            // nothing from this test's own class path: javac would otherwise default to it
            fm.setLocation(StandardLocation.CLASS_PATH, List.of());
            List<File> sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).toList();
            List<String> options = List.of("-d", out.toString(), "--module-path", joined(modulePath),
                    "--processor-path", processorPath.toString());
            boolean ok = javac.getTask(null, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromFiles(sources)).call();
            String text = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING)
                    .map(d -> d.getKind() + " " + uri(d.getSource()) + ":" + d.getLineNumber() + " " + d.getMessage(null))
                    .collect(Collectors.joining("\n"));
            return new Compilation(ok, text);
        }
    }

    private static String uri(JavaFileObject source) {
        URI u = source == null ? null : source.toUri();
        return u == null ? "" : Path.of(u).getFileName().toString();
    }

    private static String joined(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
