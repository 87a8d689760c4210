#!/usr/bin/python3
"""Times scikit-learn's multinomial logistic regression on a problem written by
dev.argmax.bench.problems.Export (family multinomial).

    /usr/bin/python3 time_multinomial_sklearn.py DIR ID [TOL]   -> one JSON line on stdout

LogisticRegression(penalty=None, solver="lbfgs", multi_class="multinomial", tol=TOL (default 1e-4,
scikit-learn's default), max_iter=10000); one warm-up, then the median of 3 timed fits
(time.perf_counter around fit only; process CPU time too). Reports the objective (1/n) nll (the
likelihood does not depend on the parametrization) and the largest absolute gradient of the mean
nll over the K (p + 1) coefficients of scikit-learn's symmetric parametrization, and writes the
coefficients to DIR/ID.sklearn.coef.f64 (K intercepts, then the K x p slopes class by class) so
that argmax measures them with its own yardstick (MultinomialPeerCheck ... mle).
"""
import json
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

directory, pid = sys.argv[1], sys.argv[2]
tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
meta = json.load(open(f"{directory}/{pid}.json"))
n, p, K = meta["n"], meta["p"], meta["classes"]
X = np.fromfile(f"{directory}/{pid}.X.f64", "<f8").reshape(p, n).T
y = np.fromfile(f"{directory}/{pid}.y.f64", "<f8").astype(int)


def model():
    return LogisticRegression(penalty=None, solver="lbfgs", multi_class="multinomial", tol=tol, max_iter=10000)


model().fit(X, y)  # warm-up
times, cpus, m = [], [], None
for _ in range(3):
    m = model()
    t0, c0 = time.perf_counter(), time.process_time()
    m.fit(X, y)
    times.append(time.perf_counter() - t0)
    cpus.append(time.process_time() - c0)
eta = X @ m.coef_.T + m.intercept_
mx = eta.max(axis=1, keepdims=True)
lse = mx[:, 0] + np.log(np.exp(eta - mx).sum(axis=1))
P = np.exp(eta - lse[:, None])
R = P - np.eye(K)[y]
grad = np.vstack([R.sum(axis=0), X.T @ R]) / n
np.concatenate([m.intercept_, m.coef_.ravel()]).astype("<f8").tofile(f"{directory}/{pid}.sklearn.coef.f64")
print(json.dumps({"tool": f"scikit-learn {sklearn.__version__} LogisticRegression(lbfgs, multinomial)",
                  "problem": pid, "tol": tol, "seconds": statistics.median(times), "all_seconds": times,
                  "cpu_seconds": statistics.median(cpus), "iterations": int(np.max(m.n_iter_)),
                  "objective": float(np.mean(lse - eta[np.arange(n), y])), "max_gradient": float(np.abs(grad).max())}))
