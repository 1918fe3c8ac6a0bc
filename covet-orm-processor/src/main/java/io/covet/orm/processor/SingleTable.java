package io.covet.orm.processor;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Single-table inheritance ({@code @Model(inheritance = SINGLE_TABLE)} on the root): the root's fields gain the
 * discriminator column (a field without a Java field, its value the model's discriminator), and a subclass is its
 * parent's fields (the root's, then each subclass's down to the parent) followed by its own over the root's table.
 * Also the checks across one hierarchy's models.
 */
final class SingleTable {
    /** The longest discriminator value (the column's length). */
    static final int MAX_VALUE = 50;
    private static final List<String> ROOT_OWNED = List.of("table", "primaryKey", "readOnly", "inheritance",
            "discriminator");

    private SingleTable() {
    }

    /** One analysed model of a single-table hierarchy, for {@link #crossCheck}. */
    record Member(TypeElement type, ModelInfo info, String root, String column, String value) {
    }

    /** Whether {@code @Model} of {@code t} declares {@code inheritance = SINGLE_TABLE}. */
    static boolean isRoot(TypeElement t) {
        AnnotationMirror m = mirror(t, "Model");
        return m != null && "SINGLE_TABLE".equals(String.valueOf(explicitValue(m, "inheritance")));
    }

    /** The nearest single-table root among {@code t} and its {@code @Model} superclasses, or null. */
    static TypeElement rootOf(TypeElement t) {
        for (TypeElement c = t; c != null; c = Inheritance.modelSuperclass(c)) {
            if (isRoot(c)) {
                return c;
            }
        }
        return null;
    }

    /** {column, value} of a root's discriminator from its {@code @Model} values. */
    static String[] rootOptions(Map<String, Object> mv, String simple) {
        String column = String.valueOf(mv.getOrDefault("discriminator", "kind"));
        return new String[]{column, value(mv, simple)};
    }

    private static String value(Map<String, Object> mv, String simple) {
        Object v = mv.get("discriminatorValue");
        String s = v == null ? "" : String.valueOf(v);
        return s.isEmpty() ? Names.snake(simple) : s;
    }

    /**
     * The root's checks beyond a plain model's, reporting each problem: no field on the discriminator column, a
     * usable column name and value, no {@code @History}/{@code @SoftDelete}, not a record. Returns the
     * discriminator field to append to the root's fields (index {@code index}), or null after a problem.
     */
    static FieldInfo rootField(TypeElement type, String root, String[] options, List<FieldInfo> fields, boolean record,
                               BiConsumer<Element, String> error) {
        String simple = type.getSimpleName().toString();
        boolean ok = true;
        if (record) {
            error.accept(type, "record model " + simple + " declares inheritance = SINGLE_TABLE: records cannot be "
                    + "extended; use a class extending Entity");
            ok = false;
        }
        if (!options[0].matches("[A-Za-z_][A-Za-z0-9_]*")) {
            error.accept(type, "@Model(discriminator = \"" + options[0] + "\") of " + simple + " is not a column name: "
                    + "use letters, digits and underscores starting with a letter, e.g. kind");
            ok = false;
        }
        for (FieldInfo f : fields) {
            if (f.column().equalsIgnoreCase(options[0]) || f.name().equals(camel(options[0]))) {
                error.accept(type, "single-table root " + simple + " has the field " + f.name() + " on its "
                        + "discriminator column " + options[0] + ", which the ORM writes itself: remove the field (the "
                        + "metamodel has the column as " + simple + "_." + Names.constant(camel(options[0]))
                        + ") or name another column with @Model(discriminator = ...)");
                ok = false;
            }
        }
        ok &= checkValue(type, options[1], error);
        ok &= noHistory(type, simple, simple, true, error);
        return ok ? discriminator(root, options[0], options[1], fields.size()) : null;
    }

    /**
     * Checks a model extending {@code parent} (the root or one of its single-table subclasses, at any depth), whose
     * single-table root is {@code root}; returns the parent's analysis with the hierarchy, which {@link #combine}
     * joins with the subclass's own fields, or a result without info when something is wrong (reported).
     */
    static Inheritance.Result child(ProcessingEnvironment env, TypeElement type, TypeElement parent, TypeElement root,
                                    Map<String, Object> mv, BiConsumer<Element, String> error) {
        String simple = type.getSimpleName().toString();
        String r = root.getSimpleName().toString();
        boolean ok = true;
        if (parent != root && Inheritance.isProxy(parent)) {
            error.accept(type, simple + " extends " + parent.getSimpleName() + ", a proxy model in the single-table "
                    + "hierarchy of " + r + ": a proxy has no discriminator value for its rows; extend " + r
                    + " or one of its single-table subclasses");
            return new Inheritance.Result(null, null);
        }
        AnnotationMirror m = mirror(type, "Model");
        for (String attr : ROOT_OWNED) {
            if (explicitValue(m, attr) != null) {
                error.accept(type, "single-table subclass " + simple + " sets @Model(" + attr + "): it shares the "
                        + "table of " + r + ", so " + attr + " belongs on " + r);
                ok = false;
            }
        }
        ok &= noHistory(type, simple, r, false, error);
        String pkg = ModelProcessor.packageOf(type);
        if (!ModelProcessor.packageOf(root).equals(pkg)) {
            error.accept(type, "single-table subclass " + simple + " is in package " + pkg + " but its root " + r
                    + " is in " + ModelProcessor.packageOf(root) + ": declare the subclass in the root's package, "
                    + "where the generated " + simple + "_ can reach the inherited fields");
            ok = false;
        }
        String value = value(mv, simple);
        ok &= checkValue(type, value, error);
        // the parent as generated: the root's fields, then each subclass's own down to the parent's
        Analyzer pa = new Analyzer(env, parent, true);
        ModelInfo pi = pa.analyze();
        if (pa.failed() || !ok || pa.singleTable() == null) {
            return new Inheritance.Result(null, null);
        }
        return new Inheritance.Result(pi, parent.getQualifiedName().toString(), false,
                new String[]{pa.singleTable()[0], pa.singleTable()[1], value});
    }

    /**
     * A subclass as generated: its parent's fields as generated ({@code parent}: the root's, the discriminator now
     * the subclass's value, then those of each subclass down to the parent) then the subclass's own ({@code own},
     * analysed as if it had no parent), over the root's table; its own ordering (else the parent's), indexes,
     * constraints and manager. Reports an own field redefining a field or column of any ancestor; null then.
     */
    static ModelInfo combine(ModelInfo parent, ModelInfo own, String[] sti, TypeElement type,
                             BiConsumer<Element, String> error) {
        boolean ok = true;
        String simple = own.simpleName();
        String root = sti[0].substring(sti[0].lastIndexOf('.') + 1);
        int discriminator = -1;
        for (int i = 0; i < parent.fields().size() && discriminator < 0; i++) {
            FieldInfo rf = parent.fields().get(i);
            discriminator = rf.getter() != null && rf.getter().startsWith("=") ? i : -1;
        }
        for (FieldInfo f : own.fields()) {
            for (int i = 0; i < parent.fields().size(); i++) {
                FieldInfo rf = parent.fields().get(i);
                if (rf.name().equals(f.name()) || rf.column().equalsIgnoreCase(f.column())) {
                    String of = i > discriminator ? parent.simpleName() + ", which it extends"
                            : "its root " + root + (i == discriminator ? " (the discriminator)" : "");
                    error.accept(type, "single-table subclass " + simple + " redefines " + (rf.name().equals(f.name())
                            ? "field " + f.name() : "column " + f.column() + " (field " + f.name() + ")") + " of "
                            + of + ": the shared table has it already; remove it from " + simple + " or give it "
                            + "another name");
                    ok = false;
                }
            }
            if (f.primaryKey()) {
                error.accept(type, "single-table subclass " + simple + " declares the primary key " + f.name()
                        + ": its key is its root's (" + root + "); remove @PrimaryKey");
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        List<FieldInfo> fields = new ArrayList<>();
        for (FieldInfo f : parent.fields()) {
            boolean disc = f.getter() != null && f.getter().startsWith("=");
            fields.add(disc ? discriminator(sti[0], sti[1], sti[2], fields.size(), f.defaultValue()) : f);
        }
        fields.addAll(own.fields());
        List<RelationInfo> relations = new ArrayList<>(parent.relations());
        relations.addAll(own.relations());
        return new ModelInfo(own.packageName(), simple, own.qualifiedName(), parent.table(), fields, relations,
                own.ordering().isEmpty() ? parent.ordering() : own.ordering(), own.indexes(), own.uniques(),
                own.checks(), List.of(), false, false, null, List.of(), parent.softDelete(), own.manager(),
                "TRIGGERS");
    }

    /**
     * The checks that need every model of a hierarchy (those compiled together): distinct discriminator values,
     * and one type per column that several subclasses map.
     */
    static void crossCheck(List<Member> members, BiConsumer<Element, String> error) {
        Map<String, List<Member>> byRoot = new LinkedHashMap<>();
        for (Member m : members) {
            byRoot.computeIfAbsent(m.root(), k -> new ArrayList<>()).add(m);
        }
        for (List<Member> ms : byRoot.values()) {
            ms.sort(Comparator.comparing(m -> m.info().qualifiedName()));
            String rootName = ms.get(0).root().substring(ms.get(0).root().lastIndexOf('.') + 1);
            Map<String, Member> values = new HashMap<>();
            Map<String, FieldInfo> columns = new HashMap<>();
            Map<String, Member> columnOwner = new HashMap<>();
            for (Member m : ms) {
                Member prev = values.putIfAbsent(m.value(), m);
                if (prev != null) {
                    error.accept(m.type(), "single-table models " + prev.info().simpleName() + " and "
                            + m.info().simpleName() + " both have the discriminator value '" + m.value() + "' in the "
                            + "hierarchy of " + rootName + ", so their rows could not be told apart: give one of them "
                            + "another @Model(discriminatorValue = ...)");
                }
                if (m.info().qualifiedName().equals(m.root())) {
                    continue;
                }
                for (FieldInfo f : own(m)) {
                    String key = f.column().toLowerCase(Locale.ROOT);
                    FieldInfo other = columns.putIfAbsent(key, f);
                    if (other != null && !sqlType(other).equals(sqlType(f))) {
                        error.accept(m.type(), "single-table subclasses " + columnOwner.get(key).info().simpleName()
                                + " and " + m.info().simpleName() + " both map column " + f.column() + " of table "
                                + m.info().table() + ", as " + sqlType(other) + " and " + sqlType(f) + ": a shared "
                                + "column has one type; give both fields the same type or one of them another "
                                + "column with @Column(name = ...)");
                    }
                    columnOwner.putIfAbsent(key, m);
                }
            }
        }
    }

    /** A subclass's own fields: those after the discriminator (the root's last field). */
    private static List<FieldInfo> own(Member m) {
        List<FieldInfo> fs = m.info().fields();
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i).getter() != null && fs.get(i).getter().startsWith("=")) {
                return fs.subList(i + 1, fs.size());
            }
        }
        return List.of();
    }

    /** A column's type as the schema would make it, for comparing two fields sharing it. */
    private static String sqlType(FieldInfo f) {
        String t = f.fieldType() + (f.maxLength() > 0 ? "(" + f.maxLength() + ")" : "")
                + (f.precision() > 0 ? "(" + f.precision() + "," + f.scale() + ")" : "");
        return f.nativeType().isEmpty() ? t : f.nativeType();
    }

    private static boolean checkValue(TypeElement type, String value, BiConsumer<Element, String> error) {
        if (value.length() > MAX_VALUE) {
            error.accept(type, "the discriminator value '" + value + "' of " + type.getSimpleName() + " is longer than "
                    + MAX_VALUE + " characters (the discriminator column's length): choose a shorter "
                    + "@Model(discriminatorValue = ...)");
            return false;
        }
        return true;
    }

    /**
     * Reports {@code @History} on any model of a single-table hierarchy, and {@code @SoftDelete} on a subclass
     * (the root's applies to every row of the table).
     */
    private static boolean noHistory(TypeElement type, String simple, String root, boolean isRoot,
                                     BiConsumer<Element, String> error) {
        boolean ok = true;
        if (mirror(type, "History") != null) {
            error.accept(type, "single-table inheritance (hierarchy of " + root + ") with @History on " + simple
                    + " is not supported yet: remove @History, or use an @AbstractModel base for this hierarchy "
                    + "(each model its own table with its own history)");
            ok = false;
        }
        if (!isRoot && mirror(type, "SoftDelete") != null) {
            error.accept(type, "single-table subclass " + simple + " is annotated @SoftDelete: its rows are in the "
                    + "table of " + root + ", so declare @SoftDelete (and its fields) on the root " + root + ", where "
                    + "it applies to every model of the hierarchy");
            ok = false;
        }
        return ok;
    }

    private static FieldInfo discriminator(String root, String column, String value, int index) {
        return discriminator(root, column, value, index, value);
    }

    /** The discriminator as a field: a NOT NULL indexed string, read into the snapshot, never assigned. */
    private static FieldInfo discriminator(String root, String column, String value, int index, String rootValue) {
        String getter = "=" + ModelProcessor.ORM + "spi.Metamodel.discriminator(o, " + index + ", "
                + JavaWriter.lit(value) + ")";
        return new FieldInfo(camel(column), camel(column), "java.lang.String", false, "STRING", "java.lang.String",
                "java.lang.String", column, false, false, false, true, MAX_VALUE, 0, 0, rootValue, null, List.of(),
                "which model of the " + root.substring(root.lastIndexOf('.') + 1) + " hierarchy the row is", List.of(),
                null, null, "", false, null, getter, "=", null, "", "", List.of(), null, false);
    }

    /** {@code item_type} → {@code itemType}. */
    static String camel(String column) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                up = sb.length() > 0;
            } else {
                sb.append(up ? Character.toUpperCase(c) : sb.length() == 0 ? Character.toLowerCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static Object explicitValue(AnnotationMirror m, String attr) {
        if (m == null) {
            return null;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attr)) {
                Object v = e.getValue().getValue();
                return v instanceof VariableElement ve ? ve.getSimpleName().toString() : v;
            }
        }
        return null;
    }

    private static AnnotationMirror mirror(Element e, String simpleName) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(ModelProcessor.ORM + simpleName)) {
                return m;
            }
        }
        return null;
    }
}
