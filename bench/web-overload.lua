-- wrk script for bench/web.sh's overload phase (docs: reliability R2): counts the answers by status and checks that
-- every refusal (429/503) says when to come back (Retry-After). Prints one line the bench script parses.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; refused = 0; refused_without_retry = 0; other = 0 end
function response(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 503 or status == 429 then
    refused = refused + 1
    if headers["Retry-After"] == nil then refused_without_retry = refused_without_retry + 1 end
  else other = other + 1 end
end
function done(summary, latency, requests)
  local s = { ok = 0, refused = 0, refused_without_retry = 0, other = 0 }
  for _, t in ipairs(threads) do
    for k, _ in pairs(s) do s[k] = s[k] + t:get(k) end
  end
  io.write(string.format("overload-statuses ok=%d refused=%d refused_without_retry_after=%d other=%d max_ms=%.1f timeouts=%d\n",
    s.ok, s.refused, s.refused_without_retry, s.other, latency.max / 1000, summary.errors.timeout))
end
