-- wrk script: every request asks a new query string, so the page is rendered each time, never served from the cache.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  n = 0
end

function request()
  n = n + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "render=" .. id .. "-" .. n)
end
