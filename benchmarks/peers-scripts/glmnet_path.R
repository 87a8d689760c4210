#!/usr/bin/env Rscript
# glmnet's lasso path on a problem written by dev.argmax.bench.problems.Export, twice: glmnet's own
# lambda sequence (nlambda = 100, where glmnet may stop early by its deviance-ratio rule) and the
# lambdas in LAMBDAS (argmax's sequence, one per line, where glmnet solves every one). thresh 1e-7,
# standardize = FALSE, alpha = 1. Timing as time_r.R: one warm-up, median of 3, data in memory.
#   Rscript glmnet_path.R DIR ID LAMBDAS OUT
# Writes OUT/glmnet-default.{lambda,beta}.f64 and OUT/glmnet-lambdas.{lambda,beta}.f64 (beta: the
# (1 + p) x L coefficients column-major, intercept first, little-endian float64) for
# dev.argmax.bench.PathSideBySide, and one JSON line per fit on stdout.
suppressPackageStartupMessages({ library(jsonlite); library(glmnet) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; id <- args[2]; lambdas <- scan(args[3], quiet = TRUE); out <- args[4]
meta <- fromJSON(file.path(dir, paste0(id, ".json")))
n <- meta$n; p <- meta$p
X <- readBin(file.path(dir, paste0(id, ".X.f64")), "double", n * p, size = 8, endian = "little")
dim(X) <- c(n, p)
y <- readBin(file.path(dir, paste0(id, ".y.f64")), "double", n, size = 8, endian = "little")
dir.create(out, showWarnings = FALSE, recursive = TRUE)

time_fit <- function(f, reps = 3) {
  f()                                       # warm-up
  ts <- numeric(reps); res <- NULL
  for (r in seq_len(reps)) { gc(); t0 <- proc.time()[["elapsed"]]; res <- f(); ts[r] <- proc.time()[["elapsed"]] - t0 }
  list(res = res, seconds = median(ts))
}
run <- function(label, lambda) {
  f <- function() glmnet(X, y, family = meta$family, alpha = 1, nlambda = 100, lambda = lambda,
                         standardize = FALSE, thresh = 1e-7)
  t <- time_fit(f)
  fit <- t$res
  beta <- as.matrix(rbind(fit$a0, fit$beta))
  writeBin(as.double(fit$lambda), file.path(out, paste0(label, ".lambda.f64")), size = 8, endian = "little")
  writeBin(as.double(beta), file.path(out, paste0(label, ".beta.f64")), size = 8, endian = "little")
  cat(toJSON(list(tool = paste("R glmnet", packageVersion("glmnet")), problem = id, fit = label,
                  seconds = t$seconds, lambdas = length(fit$lambda), npasses = fit$npasses,
                  what = "lasso path, thresh 1e-7, standardize = FALSE"),
             auto_unbox = TRUE, digits = NA), "\n")
}
run("glmnet-default", NULL)
run("glmnet-lambdas", lambdas)
