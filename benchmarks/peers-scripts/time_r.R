#!/usr/bin/env Rscript
# Times R's glm.fit and glmnet on a problem written by dev.argmax.bench.problems.Export.
#   Rscript time_r.R DIR ID      -> one JSON line per fit on stdout
suppressPackageStartupMessages({ library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; id <- args[2]
meta <- fromJSON(file.path(dir, paste0(id, ".json")))
n <- meta$n; p <- meta$p
X <- readBin(file.path(dir, paste0(id, ".X.f64")), "double", n * p, size = 8, endian = "little")
dim(X) <- c(n, p)
y <- readBin(file.path(dir, paste0(id, ".y.f64")), "double", n, size = 8, endian = "little")
fam <- switch(meta$family, gaussian = gaussian(), binomial = binomial(), poisson = poisson())

time_fit <- function(f, reps = 3) {
  f()                                       # warm-up
  ts <- numeric(reps); res <- NULL
  for (r in seq_len(reps)) { gc(); t0 <- proc.time()[["elapsed"]]; res <- f(); ts[r] <- proc.time()[["elapsed"]] - t0 }
  list(res = res, seconds = median(ts))
}
nll <- function(eta) {                      # (1/n) sum nll_i, glmnet's convention
  switch(meta$family,
         gaussian = sum((y - eta)^2) / (2 * n),
         binomial = mean(pmax(eta, 0) + log1p(exp(-abs(eta))) - y * eta),
         poisson = mean(exp(eta) - y * eta))
}
emit <- function(x) cat(toJSON(x, auto_unbox = TRUE, digits = NA), "\n")

A <- cbind(1, X)
g <- time_fit(function() glm.fit(A, y, family = fam, control = glm.control(epsilon = 1e-10, maxit = 100)))
b <- g$res$coefficients
emit(list(tool = paste("R glm.fit", getRversion()), problem = id, seconds = g$seconds,
          iterations = g$res$iter, objective = nll(drop(A %*% b)), coefficients = unname(b)))

if (requireNamespace("glmnet", quietly = TRUE)) {
  suppressPackageStartupMessages(library(glmnet))
  gn <- time_fit(function() glmnet(X, y, family = meta$family, alpha = 1, nlambda = 100,
                                   standardize = FALSE, thresh = 1e-7))
  emit(list(tool = paste("R glmnet", packageVersion("glmnet")), problem = id, seconds = gn$seconds,
            what = "lasso path, 100 lambdas, thresh 1e-7", lambdas = length(gn$res$lambda)))
}
