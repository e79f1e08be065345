/**
 * JMH micro-benchmarks of the kernels and ops behind the seed MLP. None runs during the build; run them from the
 * packaged module (see BENCHMARKS.md):
 * <pre>
 * java -cp 'nabla-bench/target/nabla-bench-0.1.0-SNAPSHOT.jar:nabla-bench/target/lib/*' org.openjdk.jmh.Main \
 *      -f 1 -wi 3 -i 5 GemmBench
 * </pre>
 * Each forked JVM gets {@code --add-modules jdk.incubator.vector} from the {@code @Fork} annotations (as a prepended
 * argument, so that a command line {@code -jvmArgsAppend} does not replace it); add
 * {@code -jvmArgsAppend -Dnabla.threads=1} to pin the kernels to one core.
 */
package dev.nabla.bench.jmh;
