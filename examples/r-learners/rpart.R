# R's rpart through soakbench's R bridge (learner type = r): the tree mlr3's regr.rpart and
# classif.rpart fit (rpart defaults, xval = 0). soakbench calls fit() once per split and predict()
# on its test rows: a numeric vector for a regression task, a matrix of class probabilities (one
# column per class, named by it) for a classification task.
fit <- function(train, params) {
  target <- attr(train, "target")
  rpart::rpart(stats::as.formula(paste0("`", target, "` ~ .")), data = train,
    control = rpart::rpart.control(xval = 0))
}

predict <- function(model, test) {
  if (model$method == "class") stats::predict(model, newdata = test, type = "prob")
  else stats::predict(model, newdata = test)
}
