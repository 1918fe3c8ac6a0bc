package io.covet.migrate;

import io.covet.orm.spi.ModelMeta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the models of packages (and their sub-packages) on a class path: the metamodel classes {@code Name_}
 * that the annotation processor generated, each holding its model's {@link ModelMeta} in {@code META}. Only
 * class-path entries that are directories or jar files are searched.
 */
public final class ModelPackages {
    private ModelPackages() {
    }

    /**
     * The models of the packages, in model-name order.
     *
     * @throws MigrationException when a package holds no generated model (a typo, or the models were compiled
     *                            without the annotation processor)
     */
    public static List<ModelMeta> scan(ClassLoader loader, List<String> packages) {
        TreeMap<String, ModelMeta> found = new TreeMap<>();
        for (String pkg : packages) {
            int before = found.size();
            for (String className : classNames(loader, pkg)) {
                ModelMeta meta = meta(loader, className);
                if (meta != null) {
                    found.put(meta.name(), meta);
                }
            }
            if (found.size() == before) {
                throw new MigrationException("package " + pkg + " holds no Covet model on the class path; check the "
                        + "name, that the models are compiled with covet-orm-processor (which generates Name_ beside "
                        + "each @Model class), and --classpath / covet.project.classpath");
            }
        }
        return List.copyOf(found.values());
    }

    private static List<String> classNames(ClassLoader loader, String pkg) {
        String path = pkg.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(path))) {
                switch (url.getProtocol()) {
                    case "file" -> fromDirectory(Path.of(url.toURI()), pkg, names);
                    case "jar" -> fromJar(((JarURLConnection) url.openConnection()).getJarFile(), path, names);
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list package " + pkg + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list package " + pkg, e);
        }
        return List.copyOf(names);
    }

    private static void fromDirectory(Path dir, String pkg, TreeSet<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> metamodelFile(p.getFileName().toString())).forEach(p -> {
                String rel = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".");
                names.add(pkg + "." + rel.substring(0, rel.length() - ".class".length()));
            });
        }
    }

    private static void fromJar(JarFile jar, String path, TreeSet<String> names) {
        jar.stream().map(e -> e.getName())
                .filter(n -> n.startsWith(path + "/") && metamodelFile(n.substring(n.lastIndexOf('/') + 1)))
                .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
    }

    private static boolean metamodelFile(String fileName) {
        return fileName.endsWith("_.class") && !fileName.contains("$");
    }

    private static ModelMeta meta(ClassLoader loader, String className) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            Field f = c.getField("META");
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != ModelMeta.class) {
                return null;
            }
            return (ModelMeta) f.get(null);
        } catch (NoSuchFieldException e) {
            return null;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MigrationException("cannot load the metamodel " + className + ": " + e);
        }
    }

    /**
     * The models of the packages as a schema source for {@code makemigrations} (app = last package segment).
     *
     * @throws MigrationException as {@link #scan} does
     */
    public static SchemaSource source(ClassLoader loader, List<String> packages) {
        List<ModelMeta> metas = new ArrayList<>(scan(loader, packages));
        return OrmSchemaSource.of(metas, OrmSchemaSource::packageApp);
    }
}
