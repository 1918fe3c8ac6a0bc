/**
 * The {@code covet} command line: database checks, the demo, migrations, backups and the observability endpoint.
 *
 * <p>Exported: {@code io.covet.cli} ({@link io.covet.cli.CovetCli#run} for embedding) and
 * {@code io.covet.cli.common} (the exit codes). The commands themselves are package-private; picocli reaches
 * their annotated fields by reflection, hence the qualified {@code opens}. The CLI is shipped as one shaded jar
 * run from the class path ({@code ./covet}); this descriptor states its boundary for everyone else.
 */
module io.covet.cli {
    requires io.covet.core;
    requires io.covet.sql;
    requires io.covet.schema;
    requires io.covet.orm;
    requires io.covet.migrate;
    requires io.covet.backup;
    requires io.covet.observe.http;
    requires info.picocli;
    requires io.covet.fixtures;
    requires me.tongfei.progressbar;
    requires com.fasterxml.jackson.databind;

    exports io.covet.cli;
    exports io.covet.cli.common;

    opens io.covet.cli to info.picocli;
    opens io.covet.cli.common to info.picocli;
    opens io.covet.cli.backup to info.picocli;
    opens io.covet.cli.migrate to info.picocli;
    opens io.covet.cli.fixtures to info.picocli;
    opens io.covet.cli.observe to info.picocli;
    opens io.covet.cli.pool to info.picocli;
    opens io.covet.cli.audit to info.picocli;
}
