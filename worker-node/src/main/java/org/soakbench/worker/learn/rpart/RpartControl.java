package org.soakbench.worker.learn.rpart;

/**
 * rpart.control's settings as the C code uses them (SPEC §2): {@code minsplit}, {@code minbucket},
 * {@code cp}, {@code maxcompete}, {@code maxsurrogate}, {@code usesurrogate}, {@code surrogatestyle},
 * {@code maxdepth}. {@code xval} is accepted by the learner and ignored: cross-validation in rpart
 * runs after the tree is grown and never changes it.
 */
public record RpartControl(int minsplit, int minbucket, double cp, int maxcompete, int maxsurrogate,
    int usesurrogate, int surrogatestyle, int maxdepth) {

  public RpartControl {
    if (minsplit < 1) {
      throw new IllegalArgumentException("minsplit must be at least 1, not " + minsplit);
    }
    if (minbucket < 1) {
      // rpart reads past a node's data with minbucket 0 (SPEC §11); mlr3 asks for at least 1 too
      throw new IllegalArgumentException("minbucket must be at least 1, not " + minbucket);
    }
    if (!(cp >= 0 && cp <= 1)) {
      throw new IllegalArgumentException("cp must be in [0, 1], not " + cp);
    }
    if (maxdepth < 1 || maxdepth > 30) {
      throw new IllegalArgumentException("maxdepth must be in 1..30, not " + maxdepth);
    }
    if (maxcompete < 0 || maxsurrogate < 0) {
      throw new IllegalArgumentException("maxcompete and maxsurrogate must be 0 or more");
    }
    if (usesurrogate < 0 || usesurrogate > 2) {
      throw new IllegalArgumentException("usesurrogate must be 0, 1 or 2, not " + usesurrogate);
    }
    if (surrogatestyle < 0 || surrogatestyle > 1) {
      throw new IllegalArgumentException("surrogatestyle must be 0 or 1, not " + surrogatestyle);
    }
  }

  /**
   * The same settings without surrogate splits, for data on which no prediction can consult them:
   * with continuous features only, every split routes every finite value, and the data has no
   * missing values, so the grown tree and every prediction stay R's while the surrogate search
   * (about a third of a fit) is skipped.
   */
  public RpartControl withoutSurrogates() {
    return new RpartControl(minsplit, minbucket, cp, maxcompete, 0, usesurrogate, surrogatestyle, maxdepth);
  }

  /** rpart's defaults (and mlr3's, which only sets xval = 0). */
  public static RpartControl defaults() {
    return of(null, null, 0.01, 4, 5, 2, 0, 30);
  }

  /**
   * rpart.control's interplay: without minsplit, minsplit = 3 x minbucket; without minbucket,
   * minbucket = round(minsplit / 3) (never a half for an integer minsplit); both absent: 20 and 7.
   */
  public static RpartControl of(Integer minsplit, Integer minbucket, double cp, int maxcompete, int maxsurrogate,
      int usesurrogate, int surrogatestyle, int maxdepth) {
    int split = minsplit != null ? minsplit : minbucket != null ? 3 * minbucket : 20;
    int bucket = minbucket != null ? minbucket : (int) Math.rint(split / 3.0);
    return new RpartControl(split, bucket, cp, maxcompete, maxsurrogate, usesurrogate, surrogatestyle, maxdepth);
  }
}
