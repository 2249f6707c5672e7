package sluice.server.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The mutations of {@link HttpFuzzE2eTest}, one layer of {@link FuzzRequest} each: request line, headers, chunk
 * framing, body bytes, gzip stream, wire bytes. Every choice is drawn from the {@link SplittableRandom} given, so a
 * seed replays the same requests; each mutation appends a short description to the log the failure message prints.
 * The values are the ones parsers get wrong: lengths off by one, negative or past 2^63, Transfer-Encoding lists,
 * percent escapes that decode to nothing valid, half UTF-8 sequences, structural bytes of CSV and JSON.
 */
final class HttpMutator
{
    private static final String[] METHODS = {
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "post", "P0ST", "",
        "GET POST", "\u00ffGET", "PRI", "POST\u0000"};
    private static final String[] VERSIONS = {
        "HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "HTTP/9.9", "HTTP/1", "http/1.1", "", "HTTP/1.1 extra", "HTTP/01.1",
        "HTTP/1.1\u0000"};
    private static final String[] PERCENT = {
        "%", "%2", "%zz", "%00", "%FF", "%C3%28", "%E2%82", "%ED%A0%80", "%25", "%2F", "%3F", "%23", "%20", "+",
        "%u00e9", "%%", "%0d%0a", "%C0%AF", "%F4%90%80%80", "%2e%2e%2f", "%22", "%27"};
    private static final String[] UNICODE = {"ü", "名", "ü名", "\uD83D\uDE00", "\u202E", "\u0000", "\uFEFF"};
    private static final String[] RAW_BYTES = {"\u00ff", "\u0080", "\u00c3", "\u00ed\u00a0\u0080", "\u00c0\u00af"};
    private static final String[] URL_STRUCTURE = {
        "?", "&", "=", "#", "/", "//", "/../", ";", " ", "\t", "\"", "'", "\\", "?&=&", "..", "\r", "\n"};
    private static final String[] QUERY_EXTRAS = {
        "&format=csv&format=json", "&timeformat=%", "&tz=Mars/Olympus", "&mode=xyz", "&format=\u00ff",
        "&timeformat=2006-01-02%2015:04:05", "&header=columns", "&method=append", "&method=", "&heading=maybe",
        "&precision=-1", "&rownum=true&transpose=true", "&compress=gzip", "&delimiter=", "&delimiter=%22",
        "&update_format=debezium", "&array=true", "&format=json&update_format=raw", "&force=true", "&mode=sync",
        "&default_format=CSV", "&query=", "&q=", "&sql=", "&token=AAAA", "&headers=true", "&quote=%27", "&="};
    private static final String[] CONTENT_LENGTHS = {
        "0", "99999999999999999999", "9223372036854775807", "9223372036854775808", "4294967296", "-1", "abc",
        " 12", "+12", "1,1", "0x10", "", "1 2", "-0"};
    private static final String[] TRANSFER_ENCODINGS = {
        "chunked", "gzip", "chunked, gzip", "identity", "chunkedx", "Chunked", " chunked", "chunked, chunked",
        "gzip, chunked", "", "chunked;q=1", "\u00ffchunked"};
    private static final String[] CONTENT_ENCODINGS = {
        "br", "deflate", "gzip, gzip", "identity", "x-gzip", "GZIP", "", "gzip;q=1", "compress", "gzip, identity"};
    private static final String[] CONTENT_TYPES = {
        "text/csv", "application/json", "application/x-ndjson", "text/plain", "application/x-www-form-urlencoded",
        "", "garbage/;;;", "application/json; charset=latin1", "multipart/form-data; boundary=x", "text/csv;;",
        "application/json\u0000", "*/*"};
    private static final String[] CHUNK_SIZES = {
        "zz", "-1", "FFFFFFFFFFFFFFFF", "7FFFFFFF", "0", "", " ", "1;ext=1", "0x10", "1 2", "\u00ff"};
    private static final String STRUCTURE = ",\"\n\r{}[]:\\\u0000';\t";
    private static final String[] NUMBERS = {
        "99999999999999999999999999", "NaN", "1e999", "-0", "0x1F", "-9223372036854775809", "1.7976931348623157e309",
        "1e-400", "Infinity", "", "--1", "1.2.3", "١٢٣"};

    private HttpMutator()
    {
    }

    /** Applies {@code count} mutations drawn from {@code random} to {@code request}, describing each in {@code log}. */
    static void mutate(final FuzzRequest request, final SplittableRandom random, final int count,
        final List<String> log)
    {
        for (int i = 0; i < count; i++)
        {
            final int layer = random.nextInt(100);
            if (layer < 30)
            {
                body(request, random, log);
            }
            else if (layer < 50)
            {
                headers(request, random, log);
            }
            else if (layer < 65)
            {
                requestLine(request, random, log);
            }
            else if (layer < 75)
            {
                chunks(request, random, log);
            }
            else if (layer < 85)
            {
                gzip(request, random, log);
            }
            else
            {
                wire(request, random, log);
            }
        }
    }

    private static void requestLine(final FuzzRequest r, final SplittableRandom random, final List<String> log)
    {
        switch (random.nextInt(9))
        {
            case 0 -> r.method = log(log, "method", pick(random, METHODS));
            case 1 -> r.version = log(log, "version", pick(random, VERSIONS));
            case 2 -> r.target = insert(random, r.target, log(log, "percent-escape", pick(random, PERCENT)));
            case 3 -> r.target = insert(random, r.target,
                log(log, "unicode", FuzzRequest.utf8AsBytes(pick(random, UNICODE))));
            case 4 -> r.target = insert(random, r.target, log(log, "raw byte", pick(random, RAW_BYTES)));
            case 5 -> r.target = insert(random, r.target, log(log, "url structure", pick(random, URL_STRUCTURE)));
            case 6 -> r.target = r.target + (r.target.contains("?") ? "" : "?") +
                log(log, "query extra", pick(random, QUERY_EXTRAS));
            case 7 ->
            {
                final int query = r.target.indexOf('?');
                r.target = log(log, "target", switch (random.nextInt(5))
                {
                    case 0 -> query < 0 ? r.target + "?" : r.target.substring(0, query);
                    case 1 -> "http://127.0.0.1" + r.target;
                    case 2 -> "*";
                    case 3 -> r.target + "x".repeat(random.nextInt(1, 12_000));
                    default -> r.target.replace('/', '\\');
                });
            }
            default -> r.method = r.method + log(log, "after the method", pick(random, new String[] {
                " ", "\t", "  /", "\r\n"}));
        }
    }

    private static void headers(final FuzzRequest r, final SplittableRandom random, final List<String> log)
    {
        final FuzzRequest.Header length = find(r, "Content-Length");
        switch (random.nextInt(14))
        {
            case 0 ->
            {
                if (length != null && length.computedLength)
                {
                    length.lengthDelta = random.nextBoolean() ? random.nextInt(1, 11) : -random.nextInt(1, 11);
                    log.add("content-length off by " + length.lengthDelta);
                }
                else
                {
                    r.header("Content-Length", log(log, "content-length", Integer.toString(random.nextInt(0, 200))));
                }
            }
            case 1 ->
            {
                final String value = log(log, "content-length value", pick(random, CONTENT_LENGTHS));
                if (length != null)
                {
                    length.computedLength = false;
                    length.value = value;
                }
                else
                {
                    r.header("Content-Length", value);
                }
            }
            case 2 ->
            {
                final FuzzRequest.Header duplicate = new FuzzRequest.Header("Content-Length",
                    random.nextBoolean() ? "0" : Integer.toString(random.nextInt(1, 100)));
                duplicate.computedLength = random.nextBoolean();
                r.headers.add(random.nextInt(1, r.headers.size() + 1), duplicate);
                log.add("duplicate content-length " + (duplicate.computedLength ? "(same)" : duplicate.value));
            }
            case 3 -> r.header("Transfer-Encoding", log(log, "transfer-encoding", pick(random, TRANSFER_ENCODINGS)));
            case 4 ->
            {
                final FuzzRequest.Header te = find(r, "Transfer-Encoding");
                if (te != null)
                {
                    r.headers.remove(te);
                    log.add("transfer-encoding removed from a chunked body");
                }
                else
                {
                    r.header("Transfer-Encoding", log(log, "transfer-encoding", pick(random, TRANSFER_ENCODINGS)));
                }
            }
            case 5 ->
            {
                final FuzzRequest.Header h = r.headers.get(random.nextInt(r.headers.size())).copy();
                if (!h.computedLength && random.nextBoolean())
                {
                    h.value = h.value + "x";
                }
                r.headers.add(random.nextInt(1, r.headers.size() + 1), h);
                log.add("duplicate header " + h.name);
            }
            case 6 ->
            {
                final int n = random.nextInt(8_000, 40_000);
                log.add("huge header of " + n + " bytes");
                r.header("X-Huge", "h".repeat(n));
            }
            case 7 ->
            {
                final int n = random.nextInt(50, 400);
                log.add(n + " extra headers");
                for (int i = 0; i < n; i++)
                {
                    r.header("X-Many-" + i, "v".repeat(random.nextInt(1, 80)));
                }
            }
            case 8 ->
            {
                final String line = pick(random, new String[] {
                    "NoColonHere", "Content-Length : 5", " folded continuation", "\tfolded", "X-Nul: a\u0000b",
                    "X-Cr: a\rb", "C\u00f6ntent-Type: text/csv", ": empty-name", "X-Lf: a\nb", "Host:"});
                log.add("header line " + line);
                r.headers.add(random.nextInt(1, r.headers.size() + 1), new FuzzRequest.Header(line, null));
            }
            case 9 ->
            {
                final FuzzRequest.Header ce = find(r, "Content-Encoding");
                if (ce != null && random.nextBoolean())
                {
                    r.headers.remove(ce);
                    log.add("content-encoding removed from a gzip body");
                }
                else
                {
                    r.header("Content-Encoding", log(log, "content-encoding", pick(random, CONTENT_ENCODINGS)));
                }
            }
            case 10 -> r.header("Expect", log(log, "expect", random.nextBoolean() ? "100-continue" : "garbage"));
            case 11 ->
            {
                r.header("Connection", log(log, "connection", pick(random, new String[] {
                    "close", "keep-alive", "Upgrade", "close, close", "\u00ff"})));
                if (random.nextBoolean())
                {
                    r.header("Upgrade", "h2c");
                }
            }
            case 12 ->
            {
                final FuzzRequest.Header type = find(r, "Content-Type");
                final String value = log(log, "content-type", pick(random, CONTENT_TYPES));
                if (type != null)
                {
                    type.value = value;
                }
                else
                {
                    r.header("Content-Type", value);
                }
            }
            default ->
            {
                final FuzzRequest.Header h = r.headers.get(random.nextInt(r.headers.size()));
                if (!h.computedLength && h.value != null)
                {
                    h.value = insert(random, h.value, log(log, "in header " + h.name,
                        pick(random, random.nextBoolean() ? RAW_BYTES : URL_STRUCTURE)));
                }
            }
        }
    }

    private static void chunks(final FuzzRequest r, final SplittableRandom random, final List<String> log)
    {
        if (r.framing != FuzzRequest.Framing.CHUNKED)
        {
            final FuzzRequest.Header length = find(r, "Content-Length");
            if (length != null)
            {
                r.headers.remove(length);
            }
            r.framing = FuzzRequest.Framing.CHUNKED;
            r.header("Transfer-Encoding", "chunked");
            log.add("made chunked");
        }
        final double where = random.nextDouble();
        switch (random.nextInt(7))
        {
            case 0 ->
            {
                r.chunkSizes.clear();
                final int n = random.nextInt(1, 40);
                for (int i = 0; i < n; i++)
                {
                    r.chunkSizes.add(random.nextInt(1, 64));
                }
                log.add("chunk sizes " + r.chunkSizes);
            }
            case 1 ->
            {
                final int delta = random.nextBoolean() ? random.nextInt(1, 5) : -random.nextInt(1, 5);
                log.add("a chunk size off by " + delta);
                r.chunkEdits.add(chunks ->
                {
                    final FuzzRequest.Chunk c = chunk(chunks, where);
                    if (c != null)
                    {
                        c.sizeLine = Integer.toHexString(Math.max(0, c.data.length + delta));
                    }
                });
            }
            case 2 ->
            {
                final String line = log(log, "chunk size line", pick(random, CHUNK_SIZES));
                r.chunkEdits.add(chunks ->
                {
                    final FuzzRequest.Chunk c = chunk(chunks, where);
                    if (c != null)
                    {
                        c.sizeLine = line;
                    }
                });
            }
            case 3 ->
            {
                final String end = log(log, "chunk data end", pick(random, new String[] {"", "\n", "XX", "\r\n\r\n"}));
                r.chunkEdits.add(chunks ->
                {
                    final FuzzRequest.Chunk c = chunk(chunks, where);
                    if (c != null)
                    {
                        c.terminator = end;
                    }
                });
            }
            case 4 ->
            {
                log.add("no terminating chunk");
                r.chunkEdits.add(chunks ->
                {
                    if (!chunks.isEmpty())
                    {
                        chunks.remove(chunks.size() - 1);
                    }
                });
                r.trailer = "";
            }
            case 5 -> r.trailer = log(log, "trailer", pick(random, new String[] {
                "X-Trailer: 1\r\n\r\n", "garbage\r\n\r\n", "Content-Length: 5\r\n\r\n", "", "\n",
                "X-Big: " + "t".repeat(20_000) + "\r\n\r\n"}));
            default ->
            {
                log.add("chunk extension");
                r.chunkEdits.add(chunks ->
                {
                    final FuzzRequest.Chunk c = chunk(chunks, where);
                    if (c != null)
                    {
                        c.sizeLine = c.sizeLine + ";name=\"value\"";
                    }
                });
            }
        }
    }

    private static void body(final FuzzRequest r, final SplittableRandom random, final List<String> log)
    {
        final byte[] b = r.body;
        if (b.length == 0)
        {
            r.body = log(log, "body", "x,1,2\n").getBytes(StandardCharsets.UTF_8);
            return;
        }
        final int at = random.nextInt(b.length + 1);
        switch (random.nextInt(10))
        {
            case 0 ->
            {
                final int flips = random.nextInt(1, 4);
                r.body = b.clone();
                for (int i = 0; i < flips; i++)
                {
                    r.body[random.nextInt(b.length)] ^= (byte)(1 << random.nextInt(8));
                }
                log.add(flips + " bit flip(s)");
            }
            case 1 ->
            {
                final char c = STRUCTURE.charAt(random.nextInt(STRUCTURE.length()));
                log.add("structural byte 0x" + Integer.toHexString(c) + " at " + at);
                r.body = splice(b, at, 0, new byte[] {(byte)c});
            }
            case 2 ->
            {
                final int n = random.nextInt(1, Math.max(2, Math.min(64, b.length - at + 1)));
                log.add("delete " + n + " at " + at);
                r.body = splice(b, at, Math.min(n, b.length - at), new byte[0]);
            }
            case 3 ->
            {
                log.add("truncate at " + at);
                r.body = Arrays.copyOf(b, at);
            }
            case 4 ->
            {
                final int from = random.nextInt(b.length);
                final int n = random.nextInt(1, b.length - from + 1);
                log.add("duplicate " + n + " bytes from " + from + " at " + at);
                r.body = splice(b, at, 0, Arrays.copyOfRange(b, from, from + n));
            }
            case 5 ->
            {
                final String number = pick(random, NUMBERS);
                final int digit = indexOfDigit(b, at);
                log.add("number " + number + " at " + digit);
                r.body = digit < 0 ? b : splice(b, digit, digitRun(b, digit),
                    number.getBytes(StandardCharsets.UTF_8));
            }
            case 6 ->
            {
                final String text = pick(random, random.nextBoolean() ? UNICODE : RAW_BYTES);
                final byte[] bytes = text.chars().allMatch(c -> c < 0x100) && text.chars().anyMatch(c -> c >= 0x80) ?
                    text.getBytes(StandardCharsets.ISO_8859_1) : text.getBytes(StandardCharsets.UTF_8);
                log.add("bytes " + FuzzRequest.describe(bytes) + " at " + at);
                r.body = splice(b, at, 0, bytes);
            }
            case 7 ->
            {
                log.add("empty body");
                r.body = new byte[0];
            }
            case 8 ->
            {
                final int copies = random.nextInt(2, 2_000);
                log.add("body repeated " + copies + " times");
                final byte[] big = new byte[b.length * copies];
                for (int i = 0; i < copies; i++)
                {
                    System.arraycopy(b, 0, big, i * b.length, b.length);
                }
                r.body = big;
            }
            default ->
            {
                final int from = random.nextInt(b.length);
                final int to = random.nextInt(b.length);
                log.add("byte " + from + " copied over " + to);
                r.body = b.clone();
                r.body[to] = b[from];
            }
        }
    }

    private static void gzip(final FuzzRequest r, final SplittableRandom random, final List<String> log)
    {
        if (!r.gzip)
        {
            r.gzip();
            log.add("gzipped");
            if (random.nextBoolean())
            {
                return;
            }
        }
        final double where = random.nextDouble();
        switch (random.nextInt(6))
        {
            case 0 ->
            {
                final int bit = random.nextInt(8);
                log.add("gzip header bit flip");
                r.gzipEdits.add(z -> flip(z, (int)(where * Math.min(10, z.length)), bit));
            }
            case 1 ->
            {
                final int bit = random.nextInt(8);
                log.add("gzip data bit flip");
                r.gzipEdits.add(z -> flip(z, 10 + (int)(where * Math.max(0, z.length - 18)), bit));
            }
            case 2 ->
            {
                final int bit = random.nextInt(8);
                log.add("gzip trailer bit flip");
                r.gzipEdits.add(z -> flip(z, z.length - 1 - (int)(where * 8), bit));
            }
            case 3 ->
            {
                log.add("gzip truncated");
                r.gzipEdits.add(z -> Arrays.copyOf(z, (int)(where * z.length)));
            }
            case 4 ->
            {
                final boolean valid = random.nextBoolean();
                log.add(valid ? "second gzip member" : "garbage after the gzip member");
                r.gzipEdits.add(z -> splice(z, z.length, 0, valid ? FuzzRequest.gzip(new byte[0]) :
                    new byte[] {0x1f, (byte)0x8b, 9, 9, 9}));
            }
            default ->
            {
                log.add("gzip of an empty body");
                r.body = new byte[0];
            }
        }
    }

    private static void wire(final FuzzRequest r, final SplittableRandom random, final List<String> log)
    {
        final double where = random.nextDouble();
        switch (random.nextInt(6))
        {
            case 0 ->
            {
                final int bit = random.nextInt(8);
                log.add("wire bit flip at " + (int)(where * 100) + "%");
                r.wireEdits.add(w -> flip(w, (int)(where * w.length), bit));
            }
            case 1 ->
            {
                log.add("wire truncated at " + (int)(where * 100) + "%");
                r.wireEdits.add(w -> Arrays.copyOf(w, (int)(where * w.length)));
            }
            case 2 ->
            {
                final byte[] garbage = new byte[random.nextInt(1, 64)];
                for (int i = 0; i < garbage.length; i++)
                {
                    garbage[i] = (byte)random.nextInt(256);
                }
                log.add("garbage after the request");
                r.wireEdits.add(w -> splice(w, w.length, 0, garbage));
            }
            case 3 ->
            {
                log.add("pipelined GET /health");
                r.wireEdits.add(w -> splice(w, w.length, 0,
                    "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            }
            case 4 ->
            {
                log.add("CRLF inserted at " + (int)(where * 100) + "% of the head");
                r.wireEdits.add(w -> splice(w, (int)(where * headLength(w)), 0, new byte[] {'\r', '\n'}));
            }
            default ->
            {
                log.add("bare LF line ends in the head");
                r.wireEdits.add(w ->
                {
                    final int head = headLength(w);
                    final String text = new String(w, 0, head, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
                    return splice(w, 0, head, text.getBytes(StandardCharsets.ISO_8859_1));
                });
            }
        }
    }

    /** The chunk at fraction {@code where} of the list (an earlier edit may have emptied it: then null). */
    private static FuzzRequest.Chunk chunk(final List<FuzzRequest.Chunk> chunks, final double where)
    {
        return chunks.isEmpty() ? null : chunks.get(Math.min(chunks.size() - 1, (int)(where * chunks.size())));
    }

    private static int headLength(final byte[] wire)
    {
        final int end = indexOf(wire, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return end < 0 ? wire.length : end + 4;
    }

    private static FuzzRequest.Header find(final FuzzRequest r, final String name)
    {
        for (final FuzzRequest.Header h : r.headers)
        {
            if (h.name.equalsIgnoreCase(name))
            {
                return h;
            }
        }
        return null;
    }

    private static String log(final List<String> log, final String what, final String value)
    {
        log.add(what + " " + FuzzRequest.describe(value.getBytes(StandardCharsets.ISO_8859_1)));
        return value;
    }

    private static String pick(final SplittableRandom random, final String[] values)
    {
        return values[random.nextInt(values.length)];
    }

    private static String insert(final SplittableRandom random, final String text, final String what)
    {
        final int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + what + text.substring(at);
    }

    static byte[] splice(final byte[] b, final int at, final int remove, final byte[] insert)
    {
        final byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private static byte[] flip(final byte[] b, final int at, final int bit)
    {
        if (b.length == 0)
        {
            return b;
        }
        final byte[] out = b.clone();
        out[Math.min(Math.max(0, at), b.length - 1)] ^= (byte)(1 << bit);
        return out;
    }

    private static int indexOf(final byte[] b, final byte[] what)
    {
        outer:
        for (int i = 0; i + what.length <= b.length; i++)
        {
            for (int j = 0; j < what.length; j++)
            {
                if (b[i + j] != what[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOfDigit(final byte[] b, final int from)
    {
        for (int i = 0; i < b.length; i++)
        {
            final int at = (from + i) % b.length;
            if (b[at] >= '0' && b[at] <= '9')
            {
                return at;
            }
        }
        return -1;
    }

    private static int digitRun(final byte[] b, final int from)
    {
        int end = from;
        while (end < b.length && (b[end] >= '0' && b[end] <= '9' || b[end] == '.'))
        {
            end++;
        }
        return end - from;
    }
}
