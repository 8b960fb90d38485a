-- bench/wrk.lua - wrk script for tools/bench (phone server and nginx).
--
-- BENCH_WRK_MODE=get (default): plain GETs of the URL given to wrk.
-- BENCH_WRK_MODE=vote: POST /api/vote with Content-Type: application/json,
--   room BENCH_ROOM, poll BENCH_POLL, options 1 and 2 in turn, and tokens
--   from a pool of BENCH_TOKENS per thread (a counter modulo the pool), so
--   the per-token rate limit (bucket of 10, 1/s) only answers 429 when the
--   pool is reused faster than that.  The server issues tokens (POST
--   /api/join): they are read from BENCH_TOKEN_FILE, one per line, joined
--   beforehand by `netclient join`; thread i uses lines (i-1)*pool+1 .. i*pool.
-- Either way done() prints one line for tools/bench:
--   WRK requests=N seconds=S rps=R p50_us=.. p90_us=.. p99_us=.. max_us=..
--       s200=.. s429=.. s503=.. sother=.. non2xx=.. errors=..
-- (the sNNN counts only in vote mode, where response() is defined; non2xx
-- is wrk's own count of answers outside 2xx/3xx; errors are socket errors
-- and timeouts).

local mode = os.getenv("BENCH_WRK_MODE") or "get"
local threads = {}
local counter = 0
local id = 0

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

if mode == "vote" then
   local room = os.getenv("BENCH_ROOM") or "XXXX"
   local poll = tonumber(os.getenv("BENCH_POLL") or "1")
   local pool = tonumber(os.getenv("BENCH_TOKENS") or "1000")
   local hdrs = { ["Content-Type"] = "application/json" }
   s200, s429, s503, sother = 0, 0, 0, 0

   local file = os.getenv("BENCH_TOKEN_FILE")
   local toks = nil

   local function load_tokens()
      toks = {}
      local n, first = 0, (id - 1) * pool
      if file then
         for line in io.lines(file) do
            n = n + 1
            if n > first and n <= first + pool then table.insert(toks, line) end
         end
      end
      if #toks == 0 then error("wrk.lua: no tokens in BENCH_TOKEN_FILE for thread " .. id) end
   end

   request = function()
      if not toks then load_tokens() end
      counter = counter + 1
      local tok = toks[1 + counter % #toks]
      local body = string.format('{"r":"%s","t":"%s","poll":%d,"option":%d}',
                                 room, tok, poll, 1 + counter % 2)
      return wrk.format("POST", "/api/vote", hdrs, body)
   end

   response = function(status, headers, body)
      if status == 200 then s200 = s200 + 1
      elseif status == 429 then s429 = s429 + 1
      elseif status == 503 then s503 = s503 + 1
      else sother = sother + 1 end
   end
end

function init(args)
   id = tonumber(wrk.thread:get("id")) or 0
end

function done(summary, latency, requests)
   local e = summary.errors
   local c = { s200 = 0, s429 = 0, s503 = 0, sother = 0 }
   for _, t in ipairs(threads) do
      for k, _ in pairs(c) do
         c[k] = c[k] + (tonumber(t:get(k)) or 0)
      end
   end
   local secs = summary.duration / 1e6
   io.write(string.format(
      "WRK requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
      "s200=%d s429=%d s503=%d sother=%d non2xx=%d errors=%d\n",
      summary.requests, secs, summary.requests / secs,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      c.s200, c.s429, c.s503, c.sother, e.status,
      e.connect + e.read + e.write + e.timeout))
end
