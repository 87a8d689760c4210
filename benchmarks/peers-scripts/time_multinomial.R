#!/usr/bin/env Rscript
# Times glmnet's multinomial lasso path on a problem written by dev.argmax.bench.problems.Export
# (family multinomial), ungrouped and grouped, on the 100 lambdas argmax's path uses, and writes
# each fit's coefficients so that argmax can measure their KKT violation (MultinomialPeerCheck).
#   Rscript time_multinomial.R DIR ID [REPS [TYPES]]     -> one JSON line per fit on stdout
# TYPES: comma-separated, default ungrouped,grouped.
#
# The lambdas: argmax's (and glmnet's, standardize = FALSE) lambda_max,
#   ungrouped max_jk |g_jk|, grouped max_j ||g_j.||_2,  g_jk = (1/n) sum_i (x_ij - xbar_j)(y_ik - ybar_k),
# then 100 values geometric down to 1e-4 lambda_max (n > p). Given explicitly, glmnet fits all
# 100 (no early exit on the deviance). Timing: one warm-up, then the median of REPS (default 3).
# Coefficients: DIR/ID.glmnet-TYPE.coef.f64, per lambda the K intercepts then the K x p slopes
# (class by class), little-endian float64; the lambdas in DIR/ID.glmnet-TYPE.lambda.f64.
suppressPackageStartupMessages({ library(jsonlite); library(glmnet) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; id <- args[2]; reps <- if (length(args) > 2) as.integer(args[3]) else 3L
types <- if (length(args) > 3) strsplit(args[4], ",")[[1]] else c("ungrouped", "grouped")
meta <- fromJSON(file.path(dir, paste0(id, ".json")))
n <- meta$n; p <- meta$p; K <- meta$classes
X <- readBin(file.path(dir, paste0(id, ".X.f64")), "double", n * p, size = 8, endian = "little")
dim(X) <- c(n, p)
y <- readBin(file.path(dir, paste0(id, ".y.f64")), "double", n, size = 8, endian = "little")
Y <- outer(y, 0:(K - 1), "==") * 1
G <- crossprod(scale(X, center = TRUE, scale = FALSE), sweep(Y, 2, colMeans(Y))) / n   # p x K
emit <- function(x) cat(toJSON(x, auto_unbox = TRUE, digits = NA), "\n")
yf <- factor(y, levels = 0:(K - 1))

for (type in types) {
  lmax <- if (type == "ungrouped") max(abs(G)) else max(sqrt(rowSums(G^2)))
  lambdas <- lmax * 1e-4^((0:99) / 99)
  fit_once <- function() glmnet(X, yf, family = "multinomial", type.multinomial = type, alpha = 1,
                                lambda = lambdas, standardize = FALSE, thresh = 1e-7)
  fit_once()                                  # warm-up
  ts <- numeric(reps); cpu <- numeric(reps); fit <- NULL
  for (r in seq_len(reps)) {
    gc(); t0 <- proc.time(); fit <- fit_once(); t1 <- proc.time()
    ts[r] <- t1[["elapsed"]] - t0[["elapsed"]]
    cpu[r] <- (t1[["user.self"]] + t1[["sys.self"]]) - (t0[["user.self"]] + t0[["sys.self"]])
  }
  L <- length(fit$lambda)
  out <- numeric(0)
  for (l in seq_len(L)) {
    out <- c(out, fit$a0[, l])
    for (k in seq_len(K)) out <- c(out, as.numeric(fit$beta[[k]][, l]))
  }
  stem <- file.path(dir, paste0(id, ".glmnet-", type))
  writeBin(out, paste0(stem, ".coef.f64"), size = 8, endian = "little")
  writeBin(fit$lambda, paste0(stem, ".lambda.f64"), size = 8, endian = "little")
  emit(list(tool = paste("R glmnet", packageVersion("glmnet")), problem = id, type = type,
            seconds = median(ts), all_seconds = ts, cpu_seconds = median(cpu), lambdas = L, lambda_max = lmax, thresh = 1e-7,
            what = paste0("multinomial lasso path (", type, "), 100 lambdas, thresh 1e-7, standardize = FALSE"),
            coefficients_file = paste0(stem, ".coef.f64")))
}
