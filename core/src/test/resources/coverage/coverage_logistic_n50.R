# Coverage of 95% Wald and profile-likelihood intervals for the slope of a logistic regression at
# n = 50, x ~ N(0, 1), over the eight designs of InferencePropertyTest (base R only).
#   for d in "0 1" "0 2" "-2 1" "-1 0.5" "0 0.5" "-3 1.5" "-1 1" "-2 2"; do
#     Rscript coverage_logistic_n50.R $d 4000 7; done
# The profile interval covers beta1 exactly when the likelihood-ratio statistic of beta1 (the
# deviance of the intercept-only fit with offset beta1 * x minus the full fit's) is at most the
# chi-square(1) 0.95 quantile (the profile log-likelihood of a canonical-link GLM is concave).
# Samples whose fit did not converge or has a fitted probability within 1e-8 of 0 or 1 are left out.
args <- commandArgs(TRUE)
b0 <- as.numeric(args[1]); b1 <- as.numeric(args[2]); reps <- as.integer(args[3]); seed <- as.integer(args[4])
set.seed(seed); n <- 50
q <- qchisq(0.95, 1)
cw <- 0; cp <- 0; m <- 0
for (r in 1:reps) {
  x <- rnorm(n); y <- rbinom(n, 1, plogis(b0 + b1 * x))
  f <- suppressWarnings(glm(y ~ x, family = binomial, control = glm.control(epsilon = 1e-12, maxit = 100)))
  if (!f$converged || any(f$fitted.values < 1e-8 | f$fitted.values > 1 - 1e-8)) next
  m <- m + 1
  est <- coef(f)[2]; se <- sqrt(vcov(f)[2, 2]); d0 <- deviance(f)
  if (abs(b1 - est) <= qnorm(0.975) * se) cw <- cw + 1
  g <- suppressWarnings(glm(y ~ 1, offset = b1 * x, family = binomial,
                            control = glm.control(epsilon = 1e-12, maxit = 100)))
  if (deviance(g) - d0 <= q) cp <- cp + 1
}
cat(sprintf("beta=(%g,%g) kept %d of %d: Wald %.4f profile %.4f\n", b0, b1, m, reps, cw/m, cp/m))
