#!/usr/bin/env bash
# Peak memory of one service draining a backlog, with Signpost's client limits and, in the same
# run, with librdkafka's own defaults (the comparison behind docs/performance.md, "Memory under a
# backlog"). For each variant: a fresh embedded broker, COUNT simulated contacts preloaded, the
# service started alone and sampled every 0.2 s for SECONDS; prints the largest VmHWM, RssAnon
# and RssFile seen.
#   scripts/backlog-memory.sh BIN_DIR [COUNT] [SECONDS] [SERVICE]
#   scripts/backlog-memory.sh .build/release 20000 10 intake
# BIN_DIR holds `signpost` and the service (a release build: `make release`).
set -euo pipefail
bin=${1:?usage: scripts/backlog-memory.sh BIN_DIR [COUNT] [SECONDS] [SERVICE]}
count=${2:-20000}
seconds=${3:-10}
service=${4:-intake}
root=$(cd "$(dirname "$0")/.." && pwd)
export SIGNPOST_TOPICS_DIR="$root/topics"
# librdkafka 2.0.2's defaults for what Signpost limits (producer queue, consumer queue, fetch sizes).
librdkafka_defaults=(SIGNPOST_KAFKA_QUEUE_BUFFERING_MAX_MESSAGES=100000 SIGNPOST_KAFKA_QUEUED_MAX_MESSAGES_KBYTES=65536
  SIGNPOST_KAFKA_FETCH_MAX_BYTES=52428800 SIGNPOST_KAFKA_MAX_PARTITION_FETCH_BYTES=1048576)

run() {
  local label=$1; shift
  local dir; dir=$(mktemp -d)
  "$bin/signpost" broker --partitions 16 --state-dir "$dir" > "$dir/broker.log" 2>&1 &
  local broker=$!
  for _ in $(seq 1 100); do [ -s "$dir/broker.env" ] && break; sleep 0.2; done
  # shellcheck disable=SC1091
  . "$dir/broker.env"
  "$bin/signpost" publish --bootstrap "$SIGNPOST_BOOTSTRAP_SERVERS" --count "$count" --rate 0 --malformed-share 0 --seed 7 > "$dir/publish.log" 2>&1
  (export SIGNPOST_BOOTSTRAP_SERVERS SIGNPOST_FETCH_WAIT_MS SIGNPOST_STATE_DIR="$dir"; exec env "$@" "$bin/$service" > "$dir/$service.log" 2>&1) &
  local pid=$! hwm=0 anon=0 file=0 a f
  for _ in $(seq 1 $((seconds * 5))); do
    [ -r "/proc/$pid/status" ] || break
    a=$(awk '/^RssAnon/{print $2}' "/proc/$pid/status"); f=$(awk '/^RssFile/{print $2}' "/proc/$pid/status")
    hwm=$(awk '/^VmHWM/{print $2}' "/proc/$pid/status")
    [ "$a" -gt "$anon" ] && anon=$a
    [ "$f" -gt "$file" ] && file=$f
    sleep 0.2
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  kill "$broker" 2>/dev/null; wait "$broker" 2>/dev/null || true
  echo "$service, $count contacts, $label: VmHWM $((hwm / 1024)) MB, RssAnon $((anon / 1024)) MB, RssFile $((file / 1024)) MB"
  rm -rf "$dir"
}

run "librdkafka defaults" "${librdkafka_defaults[@]}"
run "Signpost limits"
