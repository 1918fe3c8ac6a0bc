package io.covet.orm.processor;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Generates {@code Name_} for every {@code @io.covet.orm.Model} class: the typed metamodel, the row mapper and the
 * metadata. Persistent fields must be assignable from the generated class (same package, not private, not final);
 * anything else is a compile error naming the field and the fix.
 */
@SupportedAnnotationTypes("io.covet.orm.Model")
public final class ModelProcessor extends AbstractProcessor {
    static final String ORM = "io.covet.orm.";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement model = processingEnv.getElementUtils().getTypeElement(ORM + "Model");
        if (model == null) {
            return false;
        }
        List<SingleTable.Member> hierarchies = new ArrayList<>();
        for (Element e : round.getElementsAnnotatedWith(model)) {
            if (e.getKind() != ElementKind.CLASS && e.getKind() != ElementKind.RECORD) {
                error(e, "@Model goes on a class extending io.covet.orm.Entity or on a record");
                continue;
            }
            TypeElement type = (TypeElement) e;
            Analyzer a = new Analyzer(processingEnv, type);
            ModelInfo info = a.analyze();
            if (a.failed()) {
                continue;
            }
            write(type, info, a.inheritsFrom(), a.multiTableAncestors(), a.singleTable());
            if (a.singleTable() != null) {
                hierarchies.add(new SingleTable.Member(type, info, a.singleTable()[0], a.singleTable()[1],
                        a.singleTable()[2]));
            }
        }
        SingleTable.crossCheck(hierarchies, this::error);
        return true;
    }

    private void write(TypeElement type, ModelInfo info, String inheritsFrom, List<ModelInfo> ancestors,
                       String[] singleTable) {
        String name = info.qualifiedName() + "_";
        try {
            JavaFileObject f = processingEnv.getFiler().createSourceFile(name, type);
            try (Writer w = f.openWriter()) {
                w.write(new SourceGenerator(info, DeferredColumns.read(processingEnv, type, info), inheritsFrom, ancestors)
                        .singleTable(singleTable).partitioning(Partitions.read(processingEnv.getElementUtils(),
                                type, info, msg -> error(type, msg))).generate());
            }
        } catch (IOException ex) {
            error(type, "could not write " + name + ": " + ex.getMessage());
        }
    }

    private void error(Element e, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, e);
    }

    /** Whether a class has a constructor without parameters that the generated class can call. */
    static boolean hasNoArgConstructor(TypeElement type) {
        boolean any = false;
        for (Element m : type.getEnclosedElements()) {
            if (m.getKind() == ElementKind.CONSTRUCTOR) {
                any = true;
                ExecutableElement c = (ExecutableElement) m;
                if (c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE)) {
                    return true;
                }
            }
        }
        return !any;
    }

    static String packageOf(Element e) {
        Element p = e;
        while (!(p instanceof PackageElement)) {
            p = p.getEnclosingElement();
        }
        return ((PackageElement) p).getQualifiedName().toString();
    }

    /** The persistent and relation fields of a model and of its @AbstractModel bases, base fields first. */
    static List<VariableElement> fields(TypeElement type, TypeElement abstractModel) {
        List<TypeElement> chain = new ArrayList<>();
        chain.add(type);
        TypeMirror sup = type.getSuperclass();
        while (sup.getKind() == TypeKind.DECLARED) {
            TypeElement s = (TypeElement) ((DeclaredType) sup).asElement();
            if (abstractModel == null || s.getAnnotationMirrors().stream()
                    .noneMatch(m -> m.getAnnotationType().asElement().equals(abstractModel))) {
                break;
            }
            chain.add(0, s);
            sup = s.getSuperclass();
        }
        List<VariableElement> out = new ArrayList<>();
        for (TypeElement t : chain) {
            for (Element m : t.getEnclosedElements()) {
                if (m.getKind() == ElementKind.FIELD && !m.getModifiers().contains(Modifier.STATIC)
                        && !m.getModifiers().contains(Modifier.TRANSIENT)) {
                    out.add((VariableElement) m);
                }
            }
        }
        return out;
    }
}
