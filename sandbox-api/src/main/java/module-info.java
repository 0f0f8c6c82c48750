/** The jsvm API: what a JavaScript sandbox offers, without any engine types. */
module io.github.jsvm {
    exports io.github.jsvm;
    exports io.github.jsvm.spi;

    uses io.github.jsvm.spi.VmProvider;
}
