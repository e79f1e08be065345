package dev.nabla;

/**
 * A seedable source of random numbers (xoshiro256** seeded through SplitMix64). {@link Nabla#manualSeed(long)}
 * reseeds the default generator, after which every run draws the same numbers. Methods are synchronized so that
 * the default generator can be shared by threads; give each thread its own generator for speed.
 */
public final class Generator {
    private static final Generator DEFAULT = new Generator(System.nanoTime());

    private long s0, s1, s2, s3;
    private double spareGaussian;
    private boolean hasSpare;
    private long seed;

    public Generator(long seed) {
        manualSeed(seed);
    }

    /** The generator behind {@code rand}, {@code randn}, dropout and initialisation. */
    public static Generator getDefault() {
        return DEFAULT;
    }

    public synchronized Generator manualSeed(long seed) {
        this.seed = seed;
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
        hasSpare = false;
        return this;
    }

    public synchronized long initialSeed() {
        return seed;
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public synchronized long nextLong() {
        return next();
    }

    /**
     * One step of xoshiro256**; callers hold the lock. The bulk fills call it directly: a nested synchronized call
     * per element cost more than the generator itself (dropout draws a number per activation every step).
     */
    private long next() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public synchronized double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias. */
    public synchronized long nextLong(long bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        long r = nextLong() >>> 1;
        long m = bound - 1;
        if ((bound & m) == 0) return r & m;
        for (long u = r; u - (r = u % bound) + m < 0; u = nextLong() >>> 1) { }
        return r;
    }

    /** Standard normal (Box-Muller, the second value of each pair kept for the next call). */
    public synchronized double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do { u1 = nextDouble(); } while (u1 <= 0.0);
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spareGaussian = r * Math.sin(2 * Math.PI * u2);
        hasSpare = true;
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** Fills {@code out} with U(from, to) in one synchronized pass. */
    public synchronized void fillUniform(float[] out, int off, int n, double from, double to) {
        for (int i = 0; i < n; i++) out[off + i] = (float) (from + (to - from) * ((next() >>> 11) * 0x1.0p-53));
    }

    /**
     * Dropout's mask in one synchronized pass: {@code out[i]} is {@code keepValue} with probability {@code 1 - p},
     * else 0. Each 64-bit draw decides two elements, from a 24-bit uniform in each half (a float's precision, as
     * {@code u < p} with a float u would have): half the draws of one per element, which was most of dropout's time.
     */
    public synchronized void fillKeepMask(float[] out, int off, int n, double p, float keepValue) {
        // u = h * 2^-24 is dropped when u < p, that is when h < ceil(p * 2^24). The choice is made on bits, not
        // with a branch: a branch on random data mispredicts p of the time, which cost more than the drawing.
        int threshold = (int) Math.ceil(p * 0x1.0p24), keepBits = Float.floatToRawIntBits(keepValue);
        int i = 0;
        for (; i + 1 < n; i += 2) {
            long r = next();
            int h0 = (int) (r >>> 40), h1 = (int) (r >>> 8) & 0xFFFFFF;
            out[off + i] = Float.intBitsToFloat(keepBits & ~((h0 - threshold) >> 31));
            out[off + i + 1] = Float.intBitsToFloat(keepBits & ~((h1 - threshold) >> 31));
        }
        if (i < n) out[off + i] = Float.intBitsToFloat(keepBits & ~(((int) (next() >>> 40) - threshold) >> 31));
    }

    /** Fills {@code out} with N(mean, std^2) in one synchronized pass. */
    public synchronized void fillNormal(float[] out, int off, int n, double mean, double std) {
        for (int i = 0; i < n; i++) out[off + i] = (float) (mean + std * nextGaussian());
    }
}
