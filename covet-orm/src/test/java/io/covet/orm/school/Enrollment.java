package io.covet.orm.school;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;
import io.covet.orm.Unique;

/** The explicit through model of Student.courses, with a field of its own. */
@Model(uniqueTogether = @Unique(fields = {"student", "course"}))
public class Enrollment extends Entity {
    @PrimaryKey
    Integer id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Student> student;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Course> course;
    String grade;

    public Enrollment() {
    }

    Enrollment(Student s, Course c, String grade) {
        this.student = Ref.to(s);
        this.course = Ref.to(c);
        this.grade = grade;
    }
}
