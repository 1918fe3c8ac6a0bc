package io.covet.orm.ddl;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Index;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/**
 * A skill, with a column whose generated index names (its own, and an unnamed two-column index's) are longer than
 * PostgreSQL's 63 characters.
 */
@Model(table = "skill", indexes = @Index(fields = {"label", "id"}, unique = true))
public class Skill extends Entity {
    @PrimaryKey
    Short id;
    @Column(maxLength = 40, name = "label_as_shown_on_every_badge_and_in_the_yearly_review", index = true)
    String label;

    public Skill() {
    }
}
