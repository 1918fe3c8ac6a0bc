package io.covet.orm;

import io.covet.orm.processor.ModelProcessor;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link ModelProcessor} alone ({@code -proc:only}) over sources held in memory, for the tests of what the
 * processor refuses and generates.
 */
public final class ProcessorRun {
    private ProcessorRun() {
    }

    /** {@link #errors(Map, Path)} over the one class {@code app.<className>}. */
    public static List<String> errors(String className, String source, Path out) {
        return errors(Map.of(className, source), out);
    }

    /**
     * Runs the processor over sources of package {@code app} (class name → source), with the test class path,
     * writing what it generates below {@code out}; returns the messages of its errors.
     */
    public static List<String> errors(Map<String, String> sources, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> files = new ArrayList<>();
        sources.forEach((className, source) -> files.add(new SimpleJavaFileObject(
                URI.create("string:///app/" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        }));
        JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics,
                List.of("-proc:only", "-d", out.toString(), "-s", out.toString(), "-classpath",
                        System.getProperty("java.class.path")), null, files);
        task.setProcessors(List.of(new ModelProcessor()));
        task.call();
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).toList();
    }
}
