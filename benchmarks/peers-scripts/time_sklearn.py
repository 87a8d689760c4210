#!/usr/bin/python3
"""Times scikit-learn on a problem written by dev.argmax.bench.problems.Export.

    /usr/bin/python3 time_sklearn.py DIR ID     -> one JSON line per fit on stdout

One warm-up, then the median of 3 timed fits (time.perf_counter around fit only). The objective
is glmnet's convention, (1/n) sum nll_i, computed from the returned coefficients.
"""
import json
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression, LogisticRegression, PoissonRegressor

directory, pid = sys.argv[1], sys.argv[2]
meta = json.load(open(f"{directory}/{pid}.json"))
n, p = meta["n"], meta["p"]
X = np.fromfile(f"{directory}/{pid}.X.f64", "<f8").reshape(p, n).T
y = np.fromfile(f"{directory}/{pid}.y.f64", "<f8")


def nll(eta):
    fam = meta["family"]
    if fam == "gaussian":
        return float(np.sum((y - eta) ** 2) / (2 * n))
    if fam == "binomial":
        return float(np.mean(np.maximum(eta, 0) + np.log1p(np.exp(-np.abs(eta))) - y * eta))
    return float(np.mean(np.exp(eta) - y * eta))


def model():
    fam = meta["family"]
    if fam == "gaussian":
        return LinearRegression()
    if fam == "binomial":
        return LogisticRegression(penalty=None, solver="lbfgs", tol=1e-8, max_iter=10000)
    return PoissonRegressor(alpha=0.0, tol=1e-8, max_iter=10000)


model().fit(X, y)  # warm-up
times = []
m = None
for _ in range(3):
    m = model()
    t0 = time.perf_counter()
    m.fit(X, y)
    times.append(time.perf_counter() - t0)
b0 = float(np.ravel(m.intercept_)[0]) if np.ndim(m.intercept_) else float(m.intercept_)
b = np.ravel(m.coef_)
print(json.dumps({"tool": f"scikit-learn {sklearn.__version__} {type(m).__name__}", "problem": pid,
                  "seconds": statistics.median(times),
                  "iterations": int(np.max(getattr(m, "n_iter_", [0]))),
                  "objective": nll(b0 + X @ b), "coefficients": [b0] + b.tolist()}))
