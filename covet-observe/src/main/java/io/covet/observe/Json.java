package io.covet.observe;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Writes the snapshot records as JSON: instants as ISO-8601 text, an empty Optional as null. */
final class Json {
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("covet-observe")
            .addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider p) throws IOException {
                    gen.writeString(value.toString());
                }
            })
            .addSerializer((Class) Optional.class, new JsonSerializer<Optional<?>>() {
                @Override
                public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider p) throws IOException {
                    if (value.isPresent()) {
                        p.defaultSerializeValue(value.get(), gen);
                    } else {
                        gen.writeNull();
                    }
                }
            }));

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the observability snapshot as JSON: " + e.getMessage(), e);
        }
    }
}
