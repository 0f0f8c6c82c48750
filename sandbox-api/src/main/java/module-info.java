/** The jsvm API: what a JavaScript sandbox offers, without any engine types. */
module io.github.jsvm {
    requires transitive org.jspecify; // the nullness annotations are part of the API's types

    exports io.github.jsvm;
    exports io.github.jsvm.spi;

    uses io.github.jsvm.spi.VmProvider;
}
