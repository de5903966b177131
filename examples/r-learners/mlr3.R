# Any mlr3 learner through soakbench's R bridge, for users who have mlr3 (and the learner's
# package) installed; Debian 12 does not package mlr3, so soakbench's tests do not run this file.
#   { id = regr.rpart, type = r, script = "mlr3.R", learner = "regr.rpart", maxdepth = 5 }
# params$learner names the mlr3 learner; every other key of the experiment's learner is one of its
# hyperparameters. soakbench scores the predictions itself (class probabilities when the learner
# can give them), with the split's seed already set.
fit <- function(train, params) {
  target <- attr(train, "target")
  classification <- attr(train, "kind") == "classification"
  task <- if (classification) mlr3::as_task_classif(train, target = target)
    else mlr3::as_task_regr(train, target = target)
  learner <- mlr3::lrn(params$learner)
  values <- params[setdiff(names(params), "learner")]
  if (length(values) > 0) learner$param_set$set_values(.values = values)
  if (classification && "prob" %in% learner$predict_types) learner$predict_type <- "prob"
  learner$train(task)
}

predict <- function(model, test) {
  prediction <- model$predict_newdata(test)
  if ("prob" %in% prediction$predict_types) prediction$prob else prediction$response
}
