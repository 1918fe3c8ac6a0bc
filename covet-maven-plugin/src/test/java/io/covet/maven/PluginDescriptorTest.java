package io.covet.maven;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-kept plugin descriptor agrees with the goal classes: each goal's parameters are exactly the configurable
 * fields of its class (with their types), and every goal and parameter is documented.
 */
class PluginDescriptorTest {

    @Test
    void descriptorParametersAreExactlyTheGoalFields() throws Exception {
        Document doc;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("plugin.xml on the class path").isNotNull();
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        assertThat(text(doc.getDocumentElement(), "goalPrefix")).isEqualTo("covet");
        NodeList mojos = doc.getElementsByTagName("mojo");
        Set<String> goals = new TreeSet<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            goals.add(text(mojo, "goal"));
            Class<?> type = Class.forName(text(mojo, "implementation"));
            assertThat(CovetMojo.class).isAssignableFrom(type);
            assertThat(text(mojo, "description")).isNotBlank();

            Set<String> described = new TreeSet<>();
            NodeList params = ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int j = 0; j < params.getLength(); j++) {
                Element p = (Element) params.item(j);
                String name = text(p, "name");
                described.add(name);
                assertThat(text(p, "description")).as(name).isNotBlank();
                assertThat(field(type, name).getType().getName()).as(type.getSimpleName() + "." + name)
                        .isEqualTo(text(p, "type"));
                assertThat(((Element) mojo.getElementsByTagName("configuration").item(0))
                        .getElementsByTagName(name).getLength()).as("configuration of " + name).isEqualTo(1);
            }
            assertThat(described).as(type.getSimpleName()).isEqualTo(fields(type));
        }
        assertThat(goals).containsExactlyInAnyOrder("makemigrations", "check", "migrate", "showmigrations",
                "sqlmigrate", "lint", "inspectdb");
    }

    private static Set<String> fields(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Class<?> c = type; c != Object.class && c.getPackageName().equals("io.covet.maven"); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    names.add(f.getName());
                }
            }
        }
        return names;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }
}
