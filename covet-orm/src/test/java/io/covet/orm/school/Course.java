package io.covet.orm.school;

import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A model with private fields reached through accessors (the generated code calls them, no reflection). */
@Model(ordering = "title")
public class Course extends Entity {
    @PrimaryKey
    private Integer id;
    private String title;

    public Course() {
    }

    Course(String title) {
        this.title = title;
    }

    public Integer getId() {
        return id;
    }

    public void setId(Integer id) {
        this.id = id;
    }

    public String title() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }
}
