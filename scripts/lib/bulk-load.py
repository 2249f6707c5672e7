#!/usr/bin/env python3
"""Times one bulk load: POSTs a file, then polls a row count until it reaches the expected number.

The clock starts just before the first byte of the request is sent (the connections are opened beforehand) and
stops when the count query first answers EXPECT rows; the count is polled every POLL_MS (20) milliseconds on a
keep-alive connection, starting when the POST has been answered (so the figure covers both the acknowledgement and
the rows becoming visible to a query). The file goes out with sendfile(2), so the client costs little CPU on a
2-core machine that also runs the server.

Usage:
  bulk-load.py --post URL --file FILE --count URL --count-format {csv,questdb} --expect N
               [--rows N] [--content-type TYPE | --multipart FIELD] [--poll-ms 20] [--timeout-s 900]

--expect is the count to wait for; --rows (default: EXPECT) the rows in this file, for rows_per_s.
--count-format csv: the count URL answers the number alone (Sluice, /db/query?...&format=csv&heading=false);
questdb: it answers QuestDB's /exec JSON with the number in "dataset":[[N]].
--multipart FIELD sends the file as one multipart/form-data part named FIELD (QuestDB's /imp).

Prints one line: RESULT status=S rows=N bytes=B ack_s=A visible_s=V rows_per_s=R
and exits 1 (after printing the answer) if the POST was not answered 2xx or the count went past EXPECT or did not
reach it within the timeout.
"""
import argparse
import http.client
import json
import os
import re
import sys
import time
import urllib.parse


def connect(url, timeout_s):
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout_s)
    conn.connect()
    path = parts.path + ("?" + parts.query if parts.query else "")
    return conn, path


def read_count(conn, path, fmt):
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read().decode("utf-8", "replace")
    if resp.status // 100 != 2:
        raise RuntimeError("count query answered %d: %s" % (resp.status, body[:500]))
    if fmt == "csv":
        text = body.strip()
        return int(text) if text.isdigit() else None
    match = re.search(r'"dataset":\[\[(\d+)\]\]', body)
    return int(match.group(1)) if match else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--post", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--count", required=True)
    p.add_argument("--count-format", choices=("csv", "questdb"), required=True)
    p.add_argument("--expect", type=int, required=True)
    p.add_argument("--rows", type=int)
    p.add_argument("--content-type", default="text/csv")
    p.add_argument("--multipart")
    p.add_argument("--poll-ms", type=float, default=20.0)
    p.add_argument("--timeout-s", type=float, default=900.0)
    a = p.parse_args()

    file_bytes = os.path.getsize(a.file)
    prefix = suffix = b""
    content_type = a.content_type
    if a.multipart:
        boundary = "sluice-bench-%d" % os.getpid()
        name = os.path.basename(a.file)
        prefix = ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n" % (boundary, a.multipart, name)).encode()
        suffix = ("\r\n--%s--\r\n" % boundary).encode()
        content_type = "multipart/form-data; boundary=" + boundary

    poster, post_path = connect(a.post, a.timeout_s)
    poller, count_path = connect(a.count, a.timeout_s)

    start = time.perf_counter()
    poster.putrequest("POST", post_path, skip_accept_encoding=True)
    poster.putheader("Content-Type", content_type)
    poster.putheader("Content-Length", str(len(prefix) + file_bytes + len(suffix)))
    poster.endheaders()
    try:
        if prefix:
            poster.sock.sendall(prefix)
        with open(a.file, "rb") as f:
            poster.sock.sendfile(f)
        if suffix:
            poster.sock.sendall(suffix)
    except (BrokenPipeError, ConnectionResetError) as e:
        # The server answered (and closed) before reading the whole body; its answer says why.
        print("send stopped early: %s" % e, file=sys.stderr)
    resp = poster.getresponse()
    answer = resp.read().decode("utf-8", "replace")
    ack = time.perf_counter() - start
    if resp.status // 100 != 2:
        print("RESULT status=%d rows=0 bytes=%d ack_s=%.3f visible_s=nan rows_per_s=0" % (resp.status, file_bytes, ack))
        print("POST answered %d: %s" % (resp.status, answer[:2000]), file=sys.stderr)
        sys.exit(1)
    if a.multipart:
        # QuestDB's /imp answers 200 even when it rejected rows; it reports them in the JSON.
        try:
            imp = json.loads(answer)
            if imp.get("status") != "OK" or imp.get("rowsRejected", 0) != 0:
                print("import answer: %s" % answer[:2000], file=sys.stderr)
        except ValueError:
            print("import answer (not JSON): %s" % answer[:2000], file=sys.stderr)

    poll_s = a.poll_ms / 1000.0
    deadline = start + a.timeout_s
    count = None
    while True:
        count = read_count(poller, count_path, a.count_format)
        now = time.perf_counter()
        if count is not None and count >= a.expect:
            break
        if now > deadline:
            break
        time.sleep(max(0.0, now + poll_s - time.perf_counter()))
    visible = now - start
    ok = count == a.expect
    rows = a.rows if a.rows is not None else a.expect
    print("RESULT status=%d rows=%s bytes=%d ack_s=%.3f visible_s=%.3f rows_per_s=%.0f" % (
        resp.status, rows if ok else count, file_bytes, ack, visible, rows / visible if ok else 0))
    if not ok:
        print("count is %s, expected %d (POST answer: %s)" % (count, a.expect, answer[:500]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
