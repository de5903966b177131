# R's rpart through soakbench's R bridge (learner type = r): the tree mlr3's regr.rpart fits
# (rpart defaults, xval = 0). soakbench calls fit() once per split and predict() on its test rows.
fit <- function(train, params) {
  target <- attr(train, "target")
  rpart::rpart(stats::as.formula(paste0("`", target, "` ~ .")), data = train,
    control = rpart::rpart.control(xval = 0))
}

predict <- function(model, test) {
  stats::predict(model, newdata = test)
}
