package io.covet.orm.iteration;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A poem by one poet. */
@Model(table = "poem", ordering = "id")
public class Poem extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Poet> poet;
    String title;

    public Poem() {
    }

    Poem(Poet poet, String title) {
        this.poet = Ref.to(poet);
        this.title = title;
    }
}
