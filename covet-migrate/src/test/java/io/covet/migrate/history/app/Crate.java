package io.covet.migrate.history.app;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** A soft-deleted model whose history the ORM writes itself: a soft delete and a restore are updates. */
@Model(table = "crate")
@SoftDelete(deletedBy = "deletedBy")
@History(capture = History.Capture.APPLICATION)
public class Crate extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String label;
    @Column(nullable = true)
    Instant deletedAt;
    @Column(nullable = true, maxLength = 40)
    String deletedBy;

    public Crate() {
    }

    public Crate(String label) {
        this.label = label;
    }

    public Long id() {
        return id;
    }

    public String label() {
        return label;
    }

    public void label(String l) {
        this.label = l;
    }

    public Instant deletedAt() {
        return deletedAt;
    }
}
