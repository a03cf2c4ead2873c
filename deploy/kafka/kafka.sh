#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft: broker + controller in one JVM) on 127.0.0.1, for development, tests and CI.
#
#   deploy/kafka/kafka.sh fetch            download the server jars from Maven Central (cached in target/libs)
#   deploy/kafka/kafka.sh start            fetch if needed, format a fresh data dir, start, wait until it accepts connections
#   deploy/kafka/kafka.sh stop             stop the broker started by `start` and delete its data dir
#   deploy/kafka/kafka.sh status           exit 0 when the broker started by `start` is running
#
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_STATE_DIR (a directory for the pid file,
# data and logs; default /tmp/varco-kafka-$KAFKA_PORT), KAFKA_HEAP (512m), KAFKA_START_TIMEOUT seconds (90).
# Several brokers can run side by side with different ports and state dirs (the crash tests restart their own).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
libs="$here/target/libs"
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
state=${KAFKA_STATE_DIR:-/tmp/varco-kafka-$port}
heap=${KAFKA_HEAP:-512m}
timeout=${KAFKA_START_TIMEOUT:-90}
pidfile="$state/kafka.pid"

die() { echo "kafka.sh: $*" >&2; exit 1; }

fetch() {
  if [ -f "$libs/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch the Kafka jars"
  echo "kafka.sh: fetching Apache Kafka jars from Maven Central" >&2
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" -DincludeScope=runtime >&2
  touch "$libs/.complete"
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

accepts_connections() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

# Kafka's cluster id is 16 random bytes in URL-safe base64 without padding. One that starts with '-' would be read
# as an option by kafka-storage's argument parser (Kafka's own Uuid.randomUuid() avoids those too): draw again.
cluster_id() {
  local id=-
  until [[ $id != -* ]]; do id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'); done
  printf '%s' "$id"
}

write_config() {
  cat > "$state/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$state/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
}

java_args() {
  jvm=(java "-Xmx$heap" "-Xms$heap" -XX:+UseG1GC -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$here/log4j.properties" "-Dkafka.logs.dir=$state/logs" -cp "$libs/*")
}

start() {
  command -v java >/dev/null || die "Java 17+ is needed to run Kafka"
  if running; then echo "kafka.sh: already running on 127.0.0.1:$port" >&2; return 0; fi
  fetch
  # Keep data across restarts of the same state dir (a broker restart must not lose the log); format only once.
  mkdir -p "$state/logs"
  if [ ! -f "$state/data/meta.properties" ]; then
    rm -rf "$state/data"
    write_config
    java_args
    "${jvm[@]}" kafka.tools.StorageTool format -t "$(cluster_id)" -c "$state/server.properties" >"$state/logs/format.log" 2>&1 \
      || die "formatting KRaft storage failed; see $state/logs/format.log"
  fi
  java_args
  nohup "${jvm[@]}" kafka.Kafka "$state/server.properties" >"$state/logs/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  local waited=0
  until accepts_connections; do
    running || die "the broker exited during start; see $state/logs/stdout.log and $state/logs/server.log"
    [ "$waited" -lt $((timeout * 5)) ] || die "the broker did not accept connections on 127.0.0.1:$port within ${timeout}s"
    sleep 0.2; waited=$((waited + 1))
  done
  echo "kafka.sh: Kafka accepts connections on 127.0.0.1:$port (state in $state)" >&2
}

# stop [--keep-data]: SIGTERM lets the broker shut down cleanly; SIGKILL after 30 s.
stop() {
  if running; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  if [ "${1:-}" != "--keep-data" ]; then rm -rf "$state"; fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) shift; stop "$@" ;;
  status) running ;;
  *) die "usage: kafka.sh fetch|start|stop [--keep-data]|status" ;;
esac
