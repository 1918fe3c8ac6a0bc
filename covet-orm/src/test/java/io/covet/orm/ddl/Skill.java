package io.covet.orm.ddl;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A skill, with a column whose generated index name is longer than PostgreSQL's 63 characters. */
@Model(table = "skill")
public class Skill extends Entity {
    @PrimaryKey
    Short id;
    @Column(maxLength = 40, name = "label_as_shown_on_every_badge_and_in_the_yearly_review", index = true)
    String label;

    public Skill() {
    }
}
