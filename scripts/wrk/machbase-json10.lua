-- wrk script: POSTs Machbase Neo JSON write bodies of 10 rows each, counts non-2xx answers, prints one RESULT line.
--
--   WRK_PATH=/db/write/BENCH?method=append wrk -t1 -c64 -d10s -s scripts/wrk/machbase-json10.lua http://127.0.0.1:PORT
--
-- Body: {"data":{"columns":["name","time","value"],"rows":[["s1",1670380342000000000,1.0],...]}} (10 rows, time in ns
-- epoch, Machbase's default timeformat). Building a body per request in Lua would make wrk, not the server, the
-- bottleneck on a 2-core machine, so init() pre-formats BODIES distinct requests per wrk thread and request() cycles
-- through them: times differ across the set and across threads, but repeat once a thread has sent BODIES requests.
--
-- done() prints: RESULT requests=N non2xx=M rps=X errors=E
--   non2xx counts answers outside 200-299 (wrk's own "Non-2xx or 3xx" line misses 3xx); errors sums wrk's socket
--   errors (connect, read, write, timeout), which a hanging or connection-dropping server shows up as.
-- and, if there was one, the first non-2xx answer: FIRST_NON2XX status=S body=<first 300 bytes>

local BODIES = 1000
local ROWS = 10
-- Times are written as seconds and nanoseconds: Lua numbers are doubles, exact only up to 2^53 (~9e15), and a
-- nanosecond epoch is ~1.7e18.
local BASE_S = 1670380342

local threads = {}
local thread_count = 0

function setup(thread)
   thread:set("thread_id", thread_count)
   thread_count = thread_count + 1
   table.insert(threads, thread)
end

function init(args)
   local path = os.getenv("WRK_PATH") or "/db/write/BENCH?method=append"
   local headers = { ["Content-Type"] = "application/json" }
   local id = thread_id or 0
   requests = {}
   for i = 1, BODIES do
      local rows = {}
      -- One millisecond per row, so every row of every body of every thread has its own time.
      local first_ms = (id * BODIES + (i - 1)) * ROWS
      for r = 1, ROWS do
         local ms = first_ms + r - 1
         local time = string.format("%d%09d", BASE_S + math.floor(ms / 1000), (ms % 1000) * 1000000)
         rows[r] = string.format('["s%d",%s,%d.%03d]', r, time, i, r)
      end
      local body = '{"data":{"columns":["name","time","value"],"rows":[' .. table.concat(rows, ",") .. ']}}'
      requests[i] = wrk.format("POST", path, headers, body)
   end
   next_request = 0
   non2xx = 0
end

function request()
   next_request = next_request % BODIES + 1
   return requests[next_request]
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if first_bad == nil then
         first_bad = string.format("status=%d body=%s", status, string.sub(body or "", 1, 300))
      end
   end
end

function done(summary, latency, requests)
   local bad = 0
   local first = nil
   for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non2xx") or 0)
      first = first or thread:get("first_bad")
   end
   local e = summary.errors
   local errors = e.connect + e.read + e.write + e.timeout
   local rps = summary.requests / (summary.duration / 1e6)
   io.write(string.format("RESULT requests=%d non2xx=%d rps=%.0f errors=%d\n", summary.requests, bad, rps, errors))
   if first then
      io.write("FIRST_NON2XX ", (string.gsub(first, "\n", " ")), "\n")
   end
end
