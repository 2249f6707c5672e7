#!/usr/bin/env python3
"""Writes the bulk-load data set: ROWS lines of `name,time_ns,value,status`, no header.

Deterministic (fixed seed) so every run and every machine loads the same bytes: ~1000 distinct sensor names,
strictly increasing nanosecond epoch times (1 ms apart plus jitter, so all rows fall in one day), doubles with four
decimals and small integer statuses. Usage: gen-sensor-csv.py ROWS OUT_FILE [iso]
With `iso` the times are written as `YYYY-MM-DD HH:MM:SS.ffffff` (UTC, microseconds) instead, for dialects whose
TIMESTAMP does not take epoch integers (Feldera); the other columns are the same.
"""
import datetime
import random
import sys


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    iso = len(sys.argv) > 3 and sys.argv[3] == "iso"
    epoch = datetime.datetime(1970, 1, 1)
    rnd = random.Random(20261121)
    t = 1700000000000000000
    with open(out, "w", buffering=1 << 20) as f:
        batch = []
        for _ in range(rows):
            t += 1000000 + rnd.randrange(1000)
            when = (epoch + datetime.timedelta(microseconds=t // 1000)).strftime("%Y-%m-%d %H:%M:%S.%f") if iso else t
            batch.append("sensor-%d,%s,%.4f,%d\n" % (rnd.randrange(1000), when, rnd.uniform(0.0, 1000.0),
                                                     rnd.randrange(8)))
            if len(batch) == 10000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))


if __name__ == "__main__":
    main()
