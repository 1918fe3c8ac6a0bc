package io.covet.orm.types;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.ValidationErrors;

/** A key/value setting: a string primary key, choices, a custom validator and a model-level rule. */
@Model(table = "setting")
public class Setting extends Entity {
    @PrimaryKey(auto = false)
    @Column(maxLength = 30)
    String key;
    @Column(choices = {"low", "high"}, help = "how loud")
    String level;
    @Column(validators = EvenValidator.class, defaultValue = "0")
    int size;
    @Column(type = io.covet.orm.FieldType.URL, nullable = true)
    String homepage;
    @Column(dbDefault = "6 * 7")
    Integer priority;

    @Override
    protected void clean(ValidationErrors errors) {
        if ("high".equals(level) && size > 10) {
            errors.add("a high level allows a size of at most 10");
        }
    }
}
