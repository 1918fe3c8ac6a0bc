package io.covet.cli.architecture;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Covet's packages depend on each other one way, so each can be read, tested and replaced from the bottom up.
 * Dependencies are read from the compiled classes, as {@code jdeps -verbose:class} reads them: every class a
 * class file names in its constant pool, descriptors and generic signatures included. Two rules:
 *
 * <ul>
 *   <li><b>Packages</b>: no cycle between packages. An API package calling into an {@code internal} package of
 *   its own module is a facade delegating to its implementation and is not counted (the implementation uses the
 *   API's types in turn); every other dependency is, including internal packages among themselves and API
 *   packages among themselves. An {@code spi} package counts as part of the API package it serves (the API
 *   takes its handles, e.g. {@code ModelType}, and they are typed by the API's {@code Entity}).</li>
 *   <li><b>Files</b>: no two top-level classes of different packages use each other directly (the kind of
 *   back-reference {@code TwoPhaseCommit} and its {@code Coordinator} had).</li>
 * </ul>
 *
 * Both lists of known cycles, {@link #KNOWN_PACKAGE_CYCLES} and {@link #KNOWN_FILE_CYCLES}, are empty: any new
 * cycle fails the test. (covet-orm's implementation holds its {@code Orm} facade as an opaque handle, gets its
 * private-state bridge installed by the API classes themselves, and has its own path-step kind, so none of its
 * internal classes names the API class that names it.)
 */
class PackageCyclesTest {
    /** One public class of each Covet module, to find where that module's classes were built. */
    private static final List<String> ANCHORS = List.of("io.covet.core.Database", "io.covet.sql.Sql",
            "io.covet.schema.Schema", "io.covet.orm.Orm", "io.covet.orm.processor.ModelProcessor",
            "io.covet.migrate.Migrator", "io.covet.backup.Backups", "io.covet.cli.CovetCli");

    /** None: a new package cycle fails the test. */
    private static final List<String> KNOWN_PACKAGE_CYCLES = List.of();

    /** None: two files of different packages that use each other fail the test. */
    private static final List<String> KNOWN_FILE_CYCLES = List.of();

    private static final Pattern NAMED = Pattern.compile("L(io/covet/[\\w/$]+)[;<]");

    @Test
    void packagesDependOnEachOtherOneWay() throws Exception {
        Map<String, Set<String>> files = fileGraph();
        Map<String, Set<String>> packages = new TreeMap<>();
        files.forEach((from, tos) -> {
            String p = unit(from);
            Set<String> edges = packages.computeIfAbsent(p, k -> new TreeSet<>());
            for (String to : tos) {
                String q = unit(to);
                boolean facade = !isInternal(p) && isInternal(q) && module(from).equals(module(to));
                if (!q.equals(p) && !facade) {
                    edges.add(q);
                }
            }
        });
        // the reading works: known one-way dependencies are seen
        assertThat(packages.get("io.covet.sql")).contains("io.covet.core");
        assertThat(packages.get("io.covet.cli.migrate")).contains("io.covet.cli.common", "io.covet.migrate");

        assertThat(cycles(packages)).as("package cycles (packages that depend on each other)")
                .containsExactlyInAnyOrderElementsOf(KNOWN_PACKAGE_CYCLES);
    }

    @Test
    void filesOfDifferentPackagesDoNotUseEachOther() throws Exception {
        Map<String, Set<String>> files = fileGraph();
        assertThat(files.get("io/covet/cli/CovetCli")).contains("io/covet/cli/common/ExitCode");

        List<String> mutual = new ArrayList<>();
        files.forEach((a, uses) -> uses.stream()
                .filter(b -> a.compareTo(b) < 0 && files.getOrDefault(b, Set.of()).contains(a))
                .filter(b -> !packageOf(a).equals(packageOf(b)))
                .forEach(b -> mutual.add(a + " <-> " + b)));
        assertThat(mutual).as("files of different packages that use each other")
                .containsExactlyInAnyOrderElementsOf(KNOWN_FILE_CYCLES);
    }

    /** The package a class counts in: an {@code spi} package counts as the API package it serves. */
    private static String unit(String file) {
        String p = packageOf(file);
        return p.endsWith(".spi") ? p.substring(0, p.length() - ".spi".length()) : p;
    }

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    /** The Covet module a class belongs to, e.g. {@code orm} for {@code io/covet/orm/internal/Writer}. */
    private static String module(String file) {
        String rest = file.substring("io/covet/".length());
        String first = rest.substring(0, rest.indexOf('/'));
        return first.equals("orm") && rest.startsWith("orm/processor/") ? "orm.processor" : first;
    }

    /** Every top-level class (one source file) of Covet, with the Covet files it uses. */
    private static Map<String, Set<String>> fileGraph() throws Exception {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String anchor : ANCHORS) {
            Path location = Path.of(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation().toURI());
            for (byte[] classFile : classFiles(location)) {
                ClassRefs refs = ClassRefs.read(classFile);
                String from = topLevel(refs.name());
                Set<String> edges = graph.computeIfAbsent(from, k -> new TreeSet<>());
                for (String used : refs.used()) {
                    String to = topLevel(used);
                    if (to.startsWith("io/covet/") && !to.equals(from)) {
                        edges.add(to);
                    }
                }
            }
        }
        return graph;
    }

    private static String topLevel(String internalName) {
        int dollar = internalName.indexOf('$', internalName.lastIndexOf('/') + 1);
        return dollar < 0 ? internalName : internalName.substring(0, dollar);
    }

    /** The strongly connected components with more than one package (Tarjan's algorithm). */
    private static List<String> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<String> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<String> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(String.join(" <-> ", component));
            }
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    /** Every class file under a classes directory or in a jar, module-info aside. */
    private static List<byte[]> classFiles(Path location) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    if (!f.getFileName().toString().equals("module-info.class")) {
                        out.add(Files.readAllBytes(f));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (ZipEntry e : jar.stream().toList()) {
                    if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")
                            && !e.getName().startsWith("META-INF/")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.add(in.readAllBytes());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The classes one class file names in its constant pool (JVMS §4.4). */
    private record ClassRefs(String name, Set<String> used) {
        static ClassRefs read(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNameAt = new int[count]; // constant pool index of a Class entry -> index of its name
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameAt[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // a long or double takes two slots
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            in.readUnsignedShort(); // access flags
            String self = utf8[classNameAt[in.readUnsignedShort()]];
            Set<String> used = new TreeSet<>();
            for (int nameIndex : classNameAt) {
                if (nameIndex == 0) {
                    continue;
                }
                String n = utf8[nameIndex];
                if (n.startsWith("[")) {
                    addDescriptors(n, used);
                } else {
                    used.add(n);
                }
            }
            for (String s : utf8) {
                if (s != null && s.contains("Lio/covet/")) {
                    addDescriptors(s, used);
                }
            }
            return new ClassRefs(self, used);
        }

        private static void addDescriptors(String s, Set<String> used) {
            Matcher m = NAMED.matcher(s);
            while (m.find()) {
                used.add(m.group(1));
            }
        }
    }
}
