#!/usr/bin/env python3
"""Writes the bulk-load data set: ROWS lines of `name,time_ns,value,status`, no header.

Deterministic (fixed seed) so every run and every machine loads the same bytes: ~1000 distinct sensor names,
strictly increasing nanosecond epoch times (1 ms apart plus jitter, so all rows fall in one day), doubles with four
decimals and small integer statuses. Usage: gen-sensor-csv.py ROWS OUT_FILE
"""
import random
import sys


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    rnd = random.Random(20261121)
    t = 1700000000000000000
    with open(out, "w", buffering=1 << 20) as f:
        batch = []
        for _ in range(rows):
            t += 1000000 + rnd.randrange(1000)
            batch.append("sensor-%d,%d,%.4f,%d\n" % (rnd.randrange(1000), t, rnd.uniform(0.0, 1000.0), rnd.randrange(8)))
            if len(batch) == 10000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))


if __name__ == "__main__":
    main()
