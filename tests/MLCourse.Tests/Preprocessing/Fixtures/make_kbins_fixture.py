#!/usr/bin/env python3
"""Writes kbins_kmeans.json: scikit-learn's k-means bin edges for real columns of the course's data.

Run from the repository root with Debian's scikit-learn (apt-get install python3-sklearn):

    OMP_NUM_THREADS=1 /usr/bin/python3 tests/MLCourse.Tests/Preprocessing/Fixtures/make_kbins_fixture.py

One thread, because scikit-learn's k-means adds per-thread partial sums in whichever order the
threads finish, so with several threads the last bit of a centroid may vary from run to run.
KBinsDiscretizerFixtureTests reads the same columns the same way (see read_column) and compares.
"""
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.preprocessing import KBinsDiscretizer

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))

# (file, column, how to read it): CSV columns by index after one header line, JSON by key.
COLUMNS = (
    [("iris.csv", j) for j in range(4)]
    + [("wine_data.csv", j) for j in range(13)]
    + [("seattle-weather.csv", j) for j in range(1, 5)]
    + [("cars.json", k) for k in ["Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower",
                                   "Weight_in_lbs", "Acceleration"]]
    + [("penguins.json", k) for k in ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)",
                                       "Body Mass (g)"]]
)
BINS = range(2, 11)


def read_column(file, column):
    """The column's values in file order, missing ones (empty, null) left out."""
    path = os.path.join(ROOT, "datasets", file)
    if file.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            records = json.load(f)
        return [float(r[column]) for r in records if r.get(column) is not None]
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()[1:]
    return [float(fields[column]) for fields in (l.split(",") for l in lines if l) if fields[column] != ""]


def main():
    if os.environ.get("OMP_NUM_THREADS") != "1":
        sys.exit("set OMP_NUM_THREADS=1 (see the docstring)")
    cases = []
    for file, column in COLUMNS:
        values = np.array(read_column(file, column))[:, None]
        for bins in BINS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")   # "bins whose width are too small … are removed"
                fitted = KBinsDiscretizer(n_bins=bins, encode="ordinal", strategy="kmeans").fit(values)
            cases.append({
                "file": file,
                "column": column,
                "bins": bins,
                "rows": len(values),
                "edges": [float(e) for e in fitted.bin_edges_[0]],
            })
    fixture = {
        "generator": "make_kbins_fixture.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "strategy": "kmeans",
        "cases": cases,
    }
    with open(os.path.join(HERE, "kbins_kmeans.json"), "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases, scikit-learn {sklearn.__version__}, numpy {np.__version__}")


if __name__ == "__main__":
    main()
