#!/usr/bin/env bash
# Samples the resident memory of the running Signpost services every 2 s, split into
# file-backed pages (program and shared libraries) and anonymous memory, until interrupted.
# Run it beside `signpost bench` (or any run of the services); then, per service, the peaks:
#   scripts/rss-sample.sh /tmp/rss.txt &   ...   kill %1
#   for s in intake classifier redactor referral survey; do
#     grep " $s " /tmp/rss.txt | sed 's/[A-Za-z]*://g' |
#       awk -v s=$s '{if($4>h)h=$4; if($6>a)a=$6; if($7>f)f=$7} END{print s, "VmHWM", h, "RssAnon", a, "RssFile", f, "kB"}'
#   done
# Columns: epoch seconds, service, pid, then VmHWM, VmRSS, RssAnon, RssFile (kB) and Threads.
set -u
out=${1:?usage: scripts/rss-sample.sh OUTPUT_FILE}
while true; do
  for name in intake classifier redactor referral survey; do
    for pid in $(pgrep -x "$name"); do
      [ -r "/proc/$pid/status" ] || continue
      echo "$(date +%s) $name $pid $(grep -E '^(VmHWM|VmRSS|RssAnon|RssFile|Threads)' "/proc/$pid/status" | awk '{printf "%s%s ", $1, $2}')" >> "$out"
    done
  done
  sleep 2
done
