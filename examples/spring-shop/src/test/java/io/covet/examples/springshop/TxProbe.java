package io.covet.examples.springshop;

import io.covet.core.Database;
import io.covet.core.tx.Transaction;
import io.covet.examples.shop.Product;
import io.covet.examples.shop.Tag;
import io.covet.examples.shop.Tag_;
import io.covet.orm.Orm;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Spring-managed transactional methods the tests call, mixing Spring's JDBC and Covet's ORM. */
public class TxProbe {
    private final Orm orm;
    private final Database db;
    private final JdbcTemplate jdbc;

    TxProbe(Orm orm, Database db, JdbcTemplate jdbc) {
        this.orm = orm;
        this.db = db;
        this.jdbc = jdbc;
    }

    /** Writes through a Covet block with an onCommit action, then fails: Spring rolls back. */
    @Transactional
    public void covetWriteThenFail(String sku, List<String> events) {
        db.atomicRun(block -> {
            orm.save(new Product(sku, "doomed", new BigDecimal("1.00"), 1));
            block.onCommit(() -> events.add("covet-commit:" + sku));
        });
        throw new IllegalStateException("the Spring transaction fails after the Covet block committed its part");
    }

    /** What {@link #covetInsideSpring} saw. */
    public record Seen(int depth, int nestedDepth, List<String> covetSawBeforeCommit, List<String> springSaw,
                       Object springSession, Object covetSession) {
    }

    /**
     * Inside a Spring transaction: a Spring JDBC write, then a Covet block (which must see it: same transaction),
     * a Covet write Spring must see, and a nested Covet block that fails and is undone alone (its savepoint).
     */
    @Transactional
    public Seen covetInsideSpring(String prefix, String sessionQuery) {
        jdbc.update("INSERT INTO tag (name) VALUES (?)", prefix + "-spring");
        int[] depths = new int[2];
        List<String> covetSaw = new ArrayList<>();
        Object[] sessions = new Object[2];
        db.atomicRun(block -> {
            depths[0] = block.depth();
            covetSaw.addAll(tagNames(prefix));
            orm.save(new Tag(prefix + "-covet"));
            try {
                db.atomicRun(nested -> {
                    depths[1] = nested.depth();
                    orm.save(new Tag(prefix + "-nested"));
                    throw new IllegalStateException("undo the nested block");
                });
            } catch (IllegalStateException expected) {
                // its savepoint was rolled back; the outer block goes on
            }
            if (sessionQuery != null) {
                sessions[1] = db.sql(sessionQuery).list(rs -> rs.getObject(1)).get(0);
            }
        });
        if (sessionQuery != null) {
            sessions[0] = jdbc.queryForObject(sessionQuery, Object.class);
        }
        List<String> springSaw = jdbc.queryForList("SELECT name FROM tag WHERE name LIKE ? ORDER BY name", String.class,
                prefix + "-%");
        return new Seen(depths[0], depths[1], covetSaw, springSaw, sessions[0], sessions[1]);
    }

    /** Must run inside an existing Spring transaction (which a Covet block begun through Spring provides). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void mandatoryInsert(String name) {
        jdbc.update("INSERT INTO tag (name) VALUES (?)", name);
    }

    /** The tag names starting with {@code prefix-}, read through Covet. */
    public List<String> tagNames(String prefix) {
        return orm.objects(Tag_.TYPE).filter(Tag_.NAME.startsWith(prefix + "-")).valuesFlat(Tag_.NAME);
    }
}
