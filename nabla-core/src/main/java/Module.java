/**
 * {@code dev.nabla.nn.Module} under its simple name for programs in the unnamed package.
 *
 * <p>Why this exists: a program that writes {@code import dev.nabla.nn.*;} and then {@code extends Module} does
 * not compile on its own, because {@code java.lang.*} is imported on demand too and {@code java.lang.Module}
 * makes the simple name ambiguous (JLS 7.5.2). A class of the program's own package wins over both on-demand
 * imports, so for single-file programs and scripts in the unnamed package (the customer's
 * {@code SeedImageClassifier}) this subclass resolves the name. Code in a named package should import
 * {@code dev.nabla.nn.Module} explicitly, which always wins.
 */
public abstract class Module extends dev.nabla.nn.Module {
}
