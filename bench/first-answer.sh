#!/usr/bin/env bash
# bench/first-answer.sh APPDIR PORT PATH DATADIR [extra args...]: launch the app, poll PATH until 200, print wall ms and process CPU ms at that moment.
app=$1; port=$2; path=$3; data=$4; shift 4
log=$(mktemp); tck=$(getconf CLK_TCK)
start=$(date +%s%N)
env -C "$app" dotnet "$app/Learning.Web.dll" --urls http://127.0.0.1:$port --DataRoot=$data --Logging:LogLevel:Default=Warning --Bench:Enabled=true "$@" >"$log" 2>&1 &
pid=$!
code=000
while [ "$code" != 200 ]; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 http://127.0.0.1:$port$path)
  if [ "$code" != 200 ]; then
    kill -0 $pid 2>/dev/null || { echo "died"; tail -5 "$log"; exit 1; }
    sleep 0.02
  fi
done
end=$(date +%s%N)
read -r -a st < /proc/$pid/stat
cpu=$(( (st[13] + st[14]) * 1000 / tck ))
echo "$path wall_ms=$(( (end-start)/1000000 )) cpu_ms=$cpu load=$(cut -d' ' -f1 /proc/loadavg)"
kill $pid; wait $pid 2>/dev/null
