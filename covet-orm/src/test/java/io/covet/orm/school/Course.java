package io.covet.orm.school;

import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

@Model(ordering = "title")
public class Course extends Entity {
    @PrimaryKey
    Integer id;
    String title;

    public Course() {
    }

    Course(String title) {
        this.title = title;
    }
}
