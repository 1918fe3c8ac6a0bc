package io.covet.orm.types;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** Moods stored in a database enum type, shared by two columns. */
@Model(table = "mood_log")
public class MoodLog extends Entity {
    @PrimaryKey
    Long id;
    @Column(enumType = "mood_kind", defaultValue = "NEUTRAL")
    Mood mood;
    @Column(enumType = "mood_kind", nullable = true)
    Mood previous;
}
