package io.covet.orm.school;

import io.covet.orm.Orm;
import io.covet.orm.Prefetch;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Prefetch(path, queryset, to_attr)} over a many-to-many relation with a through model. */
class PrefetchManyToManyTest {
    @AllEngines
    void aManyToManyRelationFromAFilteredQuerySet(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Student_.TYPE, Course_.TYPE, Enrollment_.TYPE).build();
        orm.createTables();
        Student ann = orm.save(new Student("Ann"));
        Student bob = orm.save(new Student("Bob"));
        Course math = orm.save(new Course("Math"));
        Course art = orm.save(new Course("Art"));
        Course music = orm.save(new Course("Music"));
        orm.save(new Enrollment(ann, math, "A"));
        orm.save(new Enrollment(ann, art, "B"));
        orm.save(new Enrollment(ann, music, "B"));
        orm.save(new Enrollment(bob, art, "C"));
        Prefetch<Student, Course> mOnly = Prefetch.of(Student_.COURSES,
                orm.objects(Course_.TYPE).filter(Course_.TITLE.startsWith("M")).orderBy(Course_.TITLE.desc()))
                .toAttr("m");
        var students = orm.objects(Student_.TYPE).prefetchRelated(mOnly).list();
        assertThat(students).extracting(st -> st.name + "=" + mOnly.get(st).stream().map(Course::title).toList())
                .containsExactly("Ann=[Music, Math]", "Bob=[]");
        // the relation itself is untouched and loads everything, in the model's order
        assertThat(students.get(0).courses.all()).extracting(Course::title).containsExactly("Art", "Math", "Music");
    }
}
