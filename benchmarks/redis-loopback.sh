# A throwaway redis-server on loopback for the benchmark scripts (pipeline-throughput.sh, consumer-thread-cpu.sh,
# redis-client-read.sh, redis-server-instructions.sh); sourced, not run. After `redis_loopback_init`:
#   $redis_port  a free loopback port        $redis_dir  a temporary directory (its data dir), removed on exit
#   redis_loopback_start [wrapper...]  starts redis-server under the wrapper (taskset, valgrind, ...), sets
#                                      $redis_pid and returns once it answers PING (within 60 s)
#   redis_loopback_stop                SHUTDOWN NOSAVE, then waits for the process
#   redis_loopback_cpus                sets $cpu_a and $cpu_b, the first two CPUs this process may run on (a cpuset
#                                      need not start at 0), to pin the client and redis-server apart; exits 2 with
#                                      fewer than two
# A script that needs its own exit trap calls redis_loopback_cleanup from it.

redis_loopback_init() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    || { echo "$(basename "$0"): redis-server not found (apt-get install redis-server)" >&2; exit 2; }
  redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  redis_dir=$(mktemp -d)
  redis_pid=
  trap redis_loopback_cleanup EXIT
}

redis_loopback_start() {
  "$@" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$redis_dir" \
    --daemonize no >>"$redis_dir/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 600); do
    redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && return
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$(basename "$0"): redis-server did not start:" >&2
  cat "$redis_dir/redis.log" >&2
  exit 1
}

redis_loopback_stop() {
  redis-cli -p "$redis_port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=
}

redis_loopback_cleanup() {
  if [ -n "${redis_pid:-}" ]; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  rm -rf "${redis_dir:?}"
}

redis_loopback_cpus() {
  read -r cpu_a cpu_b < <(python3 -c 'import os; c = sorted(os.sched_getaffinity(0)); print(*c[:2])')
  [ -n "${cpu_b:-}" ] || { echo "$(basename "$0"): pinning the client and redis-server apart needs 2 usable CPUs" >&2; exit 2; }
}
