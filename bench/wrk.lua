-- wrk script for bench/api_bench.py: one fixed request per run, every status counted.
-- Usage: wrk ... -s bench/wrk.lua URL -- METHOD [BODY_FILE]
-- The API key comes from the environment (BENCH_TOKEN), never from the command line.
-- done() prints one line, "BENCH_RESULT {json}", that api_bench.py reads.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = args[1] or "GET"
  wrk.headers["Accept"] = "application/json"
  if args[2] and args[2] ~= "" then
    local f = assert(io.open(args[2], "rb"))
    wrk.body = f:read("*a")
    f:close()
    wrk.headers["Content-Type"] = "application/json"
  end
  local token = os.getenv("BENCH_TOKEN")
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Token " .. token
  end
  non2xx = 0
  first_bad_status = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad_status == 0 then
      first_bad_status = status
    end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    local s = t:get("first_bad_status")
    if first == 0 and s ~= 0 then first = s end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "mean_us": %.1f, "non2xx": %d, "first_bad_status": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, bad, first,
    e.connect, e.read, e.write, e.status, e.timeout))
end
