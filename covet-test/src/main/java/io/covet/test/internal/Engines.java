package io.covet.test.internal;

import io.covet.core.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which engines a {@code @CovetTest} class runs on, and where their servers are. */
final class Engines {
    private Engines() {
    }

    static List<Engine> selected(String[] declared) {
        String spec = declared.length > 0 ? String.join(",", declared) : setting("COVET_TEST_ENGINES", "covet.test.engines");
        List<Engine> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            out.add(Engine.SQLITE);
            if (serverUrl(Engine.POSTGRESQL) != null) {
                out.add(Engine.POSTGRESQL);
            }
            if (serverUrl(Engine.MARIADB) != null) {
                out.add(Engine.MARIADB);
            }
            return out;
        }
        for (String name : spec.split(",")) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            if (!n.isEmpty()) {
                Engine e;
                try {
                    e = Engine.forScheme(n);
                } catch (RuntimeException x) {
                    throw new IllegalArgumentException("unknown engine '" + name.strip() + "' in the @CovetTest engines; "
                            + "use sqlite, postgresql or mariadb");
                }
                if (!out.contains(e.family())) {
                    out.add(e.family());
                }
            }
        }
        return out;
    }

    /** The server URL for an engine, or null. */
    static String serverUrl(Engine e) {
        return switch (e.family()) {
            case POSTGRESQL -> setting("COVET_TEST_PG_URL", "covet.test.pg-url");
            case MARIADB -> setting("COVET_TEST_MARIADB_URL", "covet.test.mariadb-url");
            default -> null;
        };
    }

    static String requireServerUrl(Engine e) {
        String url = serverUrl(e);
        if (url == null) {
            String var = e.family() == Engine.POSTGRESQL ? "COVET_TEST_PG_URL" : "COVET_TEST_MARIADB_URL";
            throw new IllegalStateException(e.displayName() + " is selected for this @CovetTest but " + var
                    + " is not set: set it to a server account that may create " + (e.family() == Engine.POSTGRESQL
                    ? "schemas" : "databases") + " (e.g. " + (e.family() == Engine.POSTGRESQL
                    ? "postgresql://app:secret@127.0.0.1:5432/app_test" : "mariadb://app:secret@127.0.0.1:3306/app_test")
                    + "), or leave the engine out of COVET_TEST_ENGINES");
        }
        return url;
    }

    private static String setting(String env, String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }
}
