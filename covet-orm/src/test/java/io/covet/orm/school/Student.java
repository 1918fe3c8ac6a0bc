package io.covet.orm.school;

import io.covet.orm.Entity;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Related;

@Model(ordering = "name")
public class Student extends Entity {
    @PrimaryKey
    Integer id;
    String name;
    @ManyToMany(through = Enrollment.class)
    Related<Course> courses;

    public Student() {
    }

    Student(String name) {
        this.name = name;
    }
}
