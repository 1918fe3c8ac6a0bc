package io.covet.backup.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting pg_dump scripts and moving their schema qualifier, without touching quoted text or bodies. */
class SqlScriptTest {
    @Test
    void splitsOnSemicolonsOutsideQuotesBodiesAndComments() {
        String script = """
                --
                -- Name: f; Type: FUNCTION; Schema: app; Owner: -
                --

                CREATE FUNCTION app.f() RETURNS text LANGUAGE plpgsql AS $_$ BEGIN RETURN 'a;b'; END $_$;
                \\restrict abc123
                /* a ; comment */ CREATE TABLE app."x;y" (v text DEFAULT ';');
                \\unrestrict abc123""";
        List<SqlScript.Statement> st = SqlScript.split(script);
        assertThat(st).extracting(SqlScript.Statement::sql).containsExactly(
                "CREATE FUNCTION app.f() RETURNS text LANGUAGE plpgsql AS $_$ BEGIN RETURN 'a;b'; END $_$",
                "CREATE TABLE app.\"x;y\" (v text DEFAULT ';')");
        assertThat(st.get(0).label()).isEqualTo("FUNCTION app.f");
    }

    @Test
    void aSqlStandardRoutineBodyIsOneStatement() {
        String script = """
                CREATE FUNCTION app.n() RETURNS bigint
                 LANGUAGE sql
                BEGIN ATOMIC
                 SELECT CASE WHEN count(*) > 0 THEN count(*) ELSE 0 END AS n FROM app.t;
                 SELECT 1 AS legend;
                END;
                CREATE TABLE app.u (case_end integer, begin text);
                CREATE FUNCTION app.b(begin integer) RETURNS integer LANGUAGE sql AS $$ SELECT begin $$;
                SELECT CASE WHEN true THEN 1 END;
                """;
        assertThat(SqlScript.split(script)).extracting(SqlScript.Statement::sql).containsExactly("""
                CREATE FUNCTION app.n() RETURNS bigint
                 LANGUAGE sql
                BEGIN ATOMIC
                 SELECT CASE WHEN count(*) > 0 THEN count(*) ELSE 0 END AS n FROM app.t;
                 SELECT 1 AS legend;
                END""", "CREATE TABLE app.u (case_end integer, begin text)",
                "CREATE FUNCTION app.b(begin integer) RETURNS integer LANGUAGE sql AS $$ SELECT begin $$", "SELECT CASE WHEN true THEN 1 END");
    }

    @Test
    void requalifiesNamesAndRegclassLiteralsButNotStringsOrBodies() {
        String sql = "CREATE TABLE app.t (id integer DEFAULT nextval('app.t_id_seq'::regclass), "
                + "note text DEFAULT 'app.t', happ.x int, \"app\".y int, z app.mood) -- $$app.k$$";
        String out = SqlScript.requalify(sql, "app", "\"New\"");
        assertThat(out).isEqualTo("CREATE TABLE \"New\".t (id integer DEFAULT nextval('\"New\".t_id_seq'::regclass), "
                + "note text DEFAULT 'app.t', happ.x int, \"app\".y int, z \"New\".mood) -- $$app.k$$");
        assertThat(SqlScript.requalify("CREATE FUNCTION app.f() AS $$ SELECT app.g() $$", "app", "b"))
                .isEqualTo("CREATE FUNCTION b.f() AS $$ SELECT app.g() $$");
        assertThat(SqlScript.requalify("SELECT \"My App\".t", "\"My App\"", "s")).isEqualTo("SELECT s.t");
    }
}
