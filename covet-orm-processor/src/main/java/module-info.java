/**
 * The annotation processor that generates each model's metamodel class ({@code Foo_}) at compile time. It has
 * no runtime part: put it on the processor path (or processor module path), not on the module path of the
 * application.
 */
module io.covet.orm.processor {
    requires java.compiler;

    provides javax.annotation.processing.Processor with io.covet.orm.processor.ModelProcessor;
}
