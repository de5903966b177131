# A random forest of the ranger package (Debian: r-cran-ranger) through soakbench's R bridge.
# Parameters of the learner arrive in params (num.trees here: "num.trees" = 200 in the experiment, quoted
# since HOCON reads a dotted key as a path); attr(train, "seed") is the split's
# seed, so every split's forest is the same on every worker and every rerun.
fit <- function(train, params) {
  target <- attr(train, "target")
  ranger::ranger(dependent.variable.name = target, data = train, num.trees = params$num.trees,
    probability = is.factor(train[[target]]), seed = attr(train, "seed") %% .Machine$integer.max,
    num.threads = 1)
}

# a regression forest predicts numbers; a probability forest a matrix with a column per class
predict <- function(model, test) {
  stats::predict(model, data = test)$predictions
}
