-- wrk script for bench/web.sh: 80 % reads over the main pages and API lists of one site, 20 % writes that create a
-- zone (each with a fresh id, so no write conflicts with another: every one is a real insert with its audit record).
-- The writes go to another site (WRITE_SITE), so the site being read does not grow by a thousand zones during the run.
local site = os.getenv("SITE") or "s001"
local write_site = os.getenv("WRITE_SITE") or "s050"
local reads = {
  "/sites/" .. site,
  "/sites/" .. site .. "/assets?page=3",
  "/api/v1/sites/" .. site .. "/assets?page=2&size=50",
  "/api/v1/sites/" .. site .. "/zones",
}
local counter = 0
local prefix
local threads = 0

-- Each wrk thread gets its own number (math.random is seeded alike in every thread), and each run its own time.
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  prefix = string.format("wrk%d-%d", tid, os.time())
end

function request()
  counter = counter + 1
  if counter % 5 == 0 then
    local id = string.format("%s-%d", prefix, counter)
    local body = string.format('{"id":"%s","name":"Bench zone %s","purdue":"3","slt":"1 1 1 1 1 1 1"}', id, id)
    -- wrk.format does not merge the -H headers into a table given here: carry the token over.
    local headers = { ["Content-Type"] = "application/json", ["Authorization"] = wrk.headers["Authorization"] }
    return wrk.format("POST", "/api/v1/sites/" .. write_site .. "/zones", headers, body)
  end
  return wrk.format("GET", reads[(counter % #reads) + 1])
end
