package org.soakbench.coordinator.plan;

/**
 * R's default random number generator, written from R's documentation ({@code ?RNG},
 * {@code ?set.seed}, {@code ?sample}): Mersenne-Twister seeded as {@code set.seed(seed)} seeds it,
 * uniform draws in (0,1), and {@code sample()} with the "Rejection" sample kind of R >= 3.6.
 */
public final class RRandom implements PermutationSource {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;
  private static final double TWO_POW_MINUS_32 = 2.3283064365386963e-10;
  private static final double I2_32M1 = 2.328306437080797e-10;

  private final int[] mt = new int[N];
  private int mti;

  /** A generator in the state {@code set.seed(seed)} leaves R's Mersenne-Twister in. */
  public RRandom(int seed) {
    int s = seed;
    // set.seed scrambles the seed 50 times, then fills the state with the same LCG.
    for (int j = 0; j < 50; j++) {
      s = 69069 * s + 1;
    }
    // R's seed vector is mti followed by the 624 words; mti's slot is filled too, then reset.
    s = 69069 * s + 1;
    for (int j = 0; j < N; j++) {
      s = 69069 * s + 1;
      mt[j] = s;
    }
    mti = N;
  }

  /** One {@code unif_rand()} draw in (0, 1). */
  public double unifRand() {
    double x = genrand();
    if (x <= 0.0) {
      return 0.5 * I2_32M1;
    }
    if (1.0 - x <= 0.0) {
      return 1.0 - 0.5 * I2_32M1;
    }
    return x;
  }

  /** Discards {@code draws} uniform draws, as R code that ran between set.seed and the planner would. */
  public void skip(long draws) {
    for (long i = 0; i < draws; i++) {
      genrand();
    }
  }

  /** R's {@code R_unif_index(dn)}: a uniform integer in [0, dn) by rejection from the next power of two. */
  public int unifIndex(int dn) {
    if (dn <= 0) {
      return 0;
    }
    int bits = 64 - Long.numberOfLeadingZeros(dn - 1L);
    long dv;
    do {
      dv = rbits(bits);
    } while (dn <= dv);
    return (int) dv;
  }

  /** R's {@code sample(n)}: a permutation of 1..n. */
  @Override
  public int[] permutation(int n) {
    int[] pool = new int[n];
    for (int i = 0; i < n; i++) {
      pool[i] = i;
    }
    int[] out = new int[n];
    int left = n;
    for (int i = 0; i < n; i++) {
      int j = unifIndex(left);
      out[i] = pool[j] + 1;
      pool[j] = pool[--left];
    }
    return out;
  }

  private long rbits(int bits) {
    long v = 0;
    for (int n = 0; n <= bits; n += 16) {
      int v1 = (int) Math.floor(unifRand() * 65536);
      v = 65536 * v + v1;
    }
    return v & ((1L << bits) - 1);
  }

  private double genrand() {
    int y;
    if (mti >= N) {
      int kk;
      for (kk = 0; kk < N - M; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      }
      for (; kk < N - 1; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      }
      y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
      mti = 0;
    }
    y = mt[mti++];
    y ^= (y >>> 11);
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= (y >>> 18);
    return Integer.toUnsignedLong(y) * TWO_POW_MINUS_32;
  }
}
