# soakbench's side of an external R learner (one long-lived process per worker slot and learner).
# Protocol, one request at a time on stdin, one reply on stdout (README "R and Python learners"):
#   LOAD <task> <target> <csv>        -> OK | ERR <message>
#   FIT <task> <seed> <n>  + ids line -> OK | ERR <message>     (0-based row ids)
#   PREDICT <task> <n>     + ids line -> OK <n> + values line (tab-separated)
#                                        | OK <n> PROB <k> + class names line + n x k probabilities
#                                          (row-major, tab-separated; a matrix with a column per class)
#                                        | ERR <message>
# Usage: Rscript soakbench_learner.R SCRIPT KIND [NAME=VALUE ...]; SCRIPT defines
# fit(train, params) and predict(model, test). Whatever the script prints goes to stderr, which the
# worker logs.
args <- commandArgs(trailingOnly = TRUE)
script <- args[1]
kind <- args[2]
params <- list()
for (arg in args[-(1:2)]) {
  eq <- regexpr("=", arg, fixed = TRUE)
  name <- substr(arg, 1, eq - 1)
  text <- substr(arg, eq + 1, nchar(arg))
  num <- suppressWarnings(as.numeric(text))
  params[[name]] <- if (!is.na(num)) num else if (text %in% c("TRUE", "true")) TRUE else
    if (text %in% c("FALSE", "false")) FALSE else text
}
# file("stdout") would be a file of that name; /dev/stdout is the pipe the worker reads
protocol <- file("/dev/stdout", "w", raw = TRUE)
sink(stderr())
reply <- function(line, ...) {
  writeLines(line, protocol)
  for (values in list(...)) writeLines(paste(values, collapse = "\t"), protocol)
  flush(protocol)
}
learner <- new.env()
sys.source(script, envir = learner)
for (name in c("fit", "predict")) {
  if (!exists(name, envir = learner, inherits = FALSE) || !is.function(get(name, envir = learner))) {
    message(script, ": defines no function ", name, "(...)")
    quit(status = 2)
  }
}
if (kind == "check") quit(status = 0)
input <- file("stdin", "r")
tasks <- list()
model <- NULL
repeat {
  line <- readLines(input, n = 1)
  if (length(line) == 0) break
  words <- strsplit(line, " ", fixed = TRUE)[[1]]
  if (length(words) == 0 || words[1] == "") next
  result <- tryCatch({
    if (words[1] == "LOAD") {
      target <- words[3]
      frame <- utils::read.csv(paste(words[-(1:3)], collapse = " "), check.names = FALSE,
        stringsAsFactors = TRUE, na.strings = character(0))
      if (kind == "classification") frame[[target]] <- factor(frame[[target]])
      tasks[[words[2]]] <- list(frame = frame, target = target)
      message("soakbench: loaded task ", words[2], " (", nrow(frame), " rows)")
      reply("OK")
    } else if (words[1] == "FIT") {
      ids <- scan(text = readLines(input, n = 1), what = integer(), quiet = TRUE) + 1L
      task <- tasks[[words[2]]]
      seed <- as.numeric(words[3])
      set.seed(seed %% .Machine$integer.max)
      train <- task$frame[ids, , drop = FALSE]
      rownames(train) <- NULL
      attr(train, "target") <- task$target
      attr(train, "seed") <- seed
      attr(train, "kind") <- kind
      model <- learner$fit(train, params)
      reply("OK")
    } else if (words[1] == "PREDICT") {
      ids <- scan(text = readLines(input, n = 1), what = integer(), quiet = TRUE) + 1L
      task <- tasks[[words[2]]]
      test <- task$frame[ids, setdiff(names(task$frame), task$target), drop = FALSE]
      rownames(test) <- NULL
      out <- learner$predict(model, test)
      if (is.matrix(out) || is.data.frame(out)) {
        # class probabilities: one column per class, named by the class
        out <- as.matrix(out)
        if (is.null(colnames(out))) stop("predict() returned a matrix without column names (one column per class, named by it)")
        if (nrow(out) != length(ids)) stop("predict() returned ", nrow(out), " rows of probabilities for ", length(ids), " rows")
        reply(paste("OK", nrow(out), "PROB", ncol(out)), colnames(out), sprintf("%.17g", t(out)))
      } else {
        if (length(out) != length(ids)) stop("predict() returned ", length(out), " values for ", length(ids), " rows")
        reply(paste("OK", length(out)), if (is.numeric(out)) sprintf("%.17g", out) else as.character(out))
      }
    } else {
      reply(paste("ERR unknown request", words[1]))
    }
    NULL
  }, error = function(e) e)
  if (!is.null(result)) reply(paste("ERR", gsub("[\r\n]", " ", conditionMessage(result))))
}
