-- wrk script of the load test (tests/benchmarks/load.py, --client wrk): sends the requests of
-- a file (one per line: METHOD<TAB>PATH<TAB>BODY, the body possibly empty) round robin from a
-- different offset per thread, counts answers that are not 2xx or are 200 with GraphQL
-- `errors`, and prints one line "WRK_RESULT {json}" with the counts and the latency
-- percentiles in ms.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
  table.insert(threads, thread)
end

function init(args)
  reqs = {}
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {}
    if body == "" then
      body = nil
    else
      headers["Content-Type"] = "application/json"
    end
    table.insert(reqs, wrk.format(method, path, headers, body))
  end
  i = offset or 0
  bad = 0
  first_bad = ""
end

function request()
  i = i + 1
  return reqs[(i % #reqs) + 1]
end

function response(status, headers, body)
  if status < 200 or status >= 300 or (body and body:find('"errors":', 1, true)) then
    bad = bad + 1
    if first_bad == "" then
      first_bad = tostring(status)
    end
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  local first = ""
  for _, thread in ipairs(threads) do
    bad_total = bad_total + (thread:get("bad") or 0)
    if first == "" then first = thread:get("first_bad") or "" end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f, ' ..
    '"mean": %.3f, "bad": %d, "first_bad": "%s", "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.mean / 1000,
    bad_total, first, e.connect, e.read, e.write, e.status, e.timeout))
end
