package io.covet.observe.internal;

/** Finds the application code that ran a statement: the first stack frame outside Covet's library
 * modules, the JDK, HikariCP and the drivers. */
public final class Callers {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private Callers() {
    }

    /** {@code com.shop.Orders.list(Orders.java:42)}, or {@code unknown} when every frame is Covet's or the JDK's. */
    public static String find() {
        return WALKER.walk(frames -> frames
                .filter(f -> !internal(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber()
                        + ")")
                .orElse("unknown"));
    }

    private static final String[] LIBRARY = {"io.covet.core.", "io.covet.sql.", "io.covet.orm.", "io.covet.schema.",
        "io.covet.observe.", "io.covet.migrate.", "io.covet.backup.", "java.", "jdk.", "sun.", "com.zaxxer.",
        "org.postgresql.", "org.mariadb.", "org.sqlite."};

    static boolean internal(String className) {
        for (String p : LIBRARY) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
