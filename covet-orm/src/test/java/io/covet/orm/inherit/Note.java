package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.InheritanceType;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** The soft-delete root of a single-table hierarchy. */
@Model(table = "inh_note", ordering = "title", inheritance = InheritanceType.SINGLE_TABLE)
@SoftDelete
public class Note extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 40)
    String title;
    @Column(nullable = true)
    Instant deletedAt;

    public Note() {
    }

    Note(String title) {
        this.title = title;
    }
}
