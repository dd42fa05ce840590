-- wrk script for bench/first-visit.sh: walks a list of (cookie, path) pairs once, each pair asked exactly once, so no page
-- can come from the personal page cache. Arguments: the list file (one "cookie<TAB>path" a line), wrk's thread count and
-- a file prefix. Thread k takes lines k, k+T, k+2T, … Once its share is sent, its free connections wait (see idle below:
-- nothing but the list's pages is in wrk's latency histogram); when the share's last page has answered, the thread writes
-- the time (ns) to PREFIX<k> and stops (PREFIXsent.<k> says its share is all sent). wrk itself runs until its -d;
-- first-visit.sh stops it (SIGINT) once every thread has written, or, when an answer never came (wrk drops the request it
-- made for a connection that had to connect again, or the server took longer than wrk's 10-s time-out), once all is sent
-- and no page has answered for 11 s (PREFIXprogress.<k> changes with each answer). It takes req/s from those files and
-- the count done() prints, not from wrk's own over its duration.
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

function init(args)
  local file, count = args[1], tonumber(args[2])
  prefix = args[3]
  list, sent, answered, failed, finished = {}, 0, 0, 0, false
  local i = 0
  for line in io.lines(file) do
    if i % count == id - 1 then
      local cookie, path = line:match("^([^\t]*)\t(.*)$")
      list[#list + 1] = wrk.format("GET", path, { Cookie = cookie })
    end
    i = i + 1
  end
  -- Once the share is sent, a free connection waits: /bench/idle answers only after 60 s, past wrk's 10-s time-out, so it
  -- costs the server no CPU and never enters wrk's latency histogram (a time-out is not timed). (A form
  -- post whose body never comes, used before, was answered 400 at once by the antiforgery check: idle connections asked
  -- again and again, about a thousand times a second, beside the last pages.)
  idle = wrk.format("GET", "/bench/idle")
  progress = io.open(prefix .. "progress." .. id, "w")
end

function request()
  if sent < #list then
    sent = sent + 1
    if sent == #list then os.execute("touch " .. prefix .. "sent." .. id) end
    return list[sent]
  end
  return idle
end

function response(status, headers, body)
  if finished then return end
  -- 204: an idle connection's answer (see idle; not seen within a run), not a page.
  if status ~= 204 then
    answered = answered + 1
    if status >= 400 then failed = failed + 1 end
    progress:write(answered, "\n")
    progress:flush() -- its time of change is the time of the last answer
  end
  if answered >= #list then
    finished = true
    os.execute("echo $(date +%s%N) > " .. prefix .. id)
    wrk.thread:stop()
  end
end

-- After wrk stops: the pages answered, over all threads (a request lost to a time-out or a dropped connection is not), and
-- of them those answered with an error (wrk's own "Non-2xx" count includes the idle requests' 408s).
function done(summary, latency, requests)
  local n, f = 0, 0
  for _, thread in ipairs(threads) do n = n + thread:get("answered"); f = f + thread:get("failed") end
  io.write("answered " .. n .. "\n")
  io.write("failed " .. f .. "\n")
end
