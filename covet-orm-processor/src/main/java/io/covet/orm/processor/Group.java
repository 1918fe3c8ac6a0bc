package io.covet.orm.processor;

import java.util.List;

/** An index or unique-together group as analysed: its name, its columns in order, and whether it is unique. */
record Group(String name, List<String> columns, boolean unique) {
}
