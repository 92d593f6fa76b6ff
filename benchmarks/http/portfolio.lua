-- wrk script: POSTs a realistic valid body (1-2 KB) to each of the Portfolio.Api endpoints in turn.
local golden = os.getenv("GOLDEN") or "samples/Portfolio.Api/golden"
local targets = {
  { path = "/monte-carlo/simulations", file = golden .. "/monte-carlo-simulations/valid/gbm-ten-assets-with-correlations.json" },
  { path = "/portfolio/strategies", file = golden .. "/portfolio-strategies/valid/max-sharpe-forty-names.json" },
  { path = "/allocations", file = golden .. "/allocations/valid/twenty-targets-round-lots.json" },
}
for _, target in ipairs(targets) do
  local f = assert(io.open(target.file, "rb"))
  target.body = f:read("*a")
  f:close()
end

-- DELAY_MS > 0: each connection waits that long after a response before its next request, so the offered rate is
-- about connections x 1000 / (DELAY_MS + latency) per second whatever the mode costs (run.sh's fixed-rate phase).
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
if delay_ms > 0 then
  delay = function() return delay_ms end
end

local i = 0
request = function()
  i = i % #targets + 1
  local t = targets[i]
  return wrk.format("POST", t.path, { ["Content-Type"] = "application/json", ["X-Client-Id"] = "bench-" .. i }, t.body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d p50_us=%d p90_us=%d p99_us=%d rps=%.1f\n",
    summary.requests, summary.errors.status, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    summary.requests / (summary.duration / 1e6)))
end
