package io.covet.orm.school;

import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThroughModelTest {

    @AllEngines
    void manyToManyThroughAnExplicitModel(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Course_.TYPE, Student_.TYPE, Enrollment_.TYPE).build();
        orm.createTables();
        Student ann = orm.save(new Student("Ann"));
        Student bob = orm.save(new Student("Bob"));
        Course math = orm.save(new Course("Math"));
        Course art = orm.save(new Course("Art"));
        orm.save(new Enrollment(ann, math, "A"));
        orm.save(new Enrollment(ann, art, "B"));
        orm.save(new Enrollment(bob, art, "C"));

        List<Student> students = orm.objects(Student_.TYPE).prefetchRelated(Student_.COURSES).list();
        assertThat(students).extracting(st -> st.courses.all().stream().map(Course::title).toList())
                .containsExactly(List.of("Art", "Math"), List.of("Art"));
        assertThat(orm.objects(Student_.TYPE).filter(Student_.COURSES, c -> c.title.eq("Math"))
                .valuesFlat(Student_.NAME)).containsExactly("Ann");
        assertThat(bob.courses.query().valuesFlat(Course_.TITLE)).containsExactly("Art");
        assertThatThrownBy(() -> bob.courses.add(math)).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("create or delete Enrollment instances");

        orm.delete(ann); // CASCADE through the through model
        assertThat(orm.objects(Enrollment_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Enrollment_.TYPE).selectRelated(Enrollment_.STUDENT).get().student.peek().name)
                .isEqualTo("Bob");
    }
}
