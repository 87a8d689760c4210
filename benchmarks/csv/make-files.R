# The CSV files of the reading comparison (benchmarks/csv/compare.sh), written by data.table::fwrite
# (15 significant digits, as R users' files usually are):
#   numeric.csv  1,000,000 x 100 standard normal numbers (y, x1..x99)
#   mixed.csv    1,000,000 x 100: 90 numeric columns and 10 text columns g1..g10 with 5, 10, ..., 50 levels
#   Rscript benchmarks/csv/make-files.R OUT_DIR
library(data.table)
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "."
setDTthreads(0)
set.seed(1)
n <- 1e6
d <- as.data.table(matrix(rnorm(n * 100), ncol = 100))
setnames(d, c("y", paste0("x", 1:99)))
fwrite(d, file.path(out, "numeric.csv"))
rm(d)
m <- as.data.table(matrix(rnorm(n * 90), ncol = 90))
setnames(m, c("y", paste0("x", 1:89)))
for (j in 1:10) m[[paste0("g", j)]] <- sample(paste0("level", seq_len(j * 5)), n, replace = TRUE)
fwrite(m, file.path(out, "mixed.csv"))
