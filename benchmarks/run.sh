#!/usr/bin/env bash
# Runs every benchmark of issue 5 (and issue 11's cost-against-size step, issue 15's backtests of a generated bank and
# of a transfer-only data set) and prints one table; the last line is the machine-readable summary:
#   e2e_tps=<n> raw_tps=<n> ratio=<r> engine_tps=<n> state_bytes_per_account=<n> p99_ms=<n> backtest_tps=<n>
#
#   benchmarks/run.sh                   short profile (100,000 records; 24 minutes on 2 cores when last run, 17 of them `cost`)
#   benchmarks/run.sh --profile long    careful run: several million records, longer JMH and latency runs
#   benchmarks/run.sh --records N       override the end-to-end / backtest record count
#   benchmarks/run.sh --bank-records N  override the size of the generated bank backtested (BANK population)
#   benchmarks/run.sh --transfer-records N  override the size of the transfer-only data set backtested
#   benchmarks/run.sh --out DIR         work directory (default: benchmarks/target/run-<profile>)
#
# Builds benchmarks/target/benchmarks.jar with Maven when it is missing or older than the sources.
# BENCH_JAVA_OPTS is added to every step's JVM; BENCH_JFR=1 records each step with Java Flight Recorder
# (settings=profile) into <out>/jfr/<step>.jfr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
profile=short
records=""
bank_records=""
transfer_records=""
out=""

die() { echo "run.sh: $*" >&2; exit 1; }
say() { echo "[run.sh $(date +%H:%M:%S)] $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile="${2:-}"; shift 2 ;;
    --profile=*) profile="${1#*=}"; shift ;;
    --records) records="${2:-}"; shift 2 ;;
    --bank-records) bank_records="${2:-}"; shift 2 ;;
    --transfer-records) transfer_records="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

case "$profile" in
  short)
    : "${records:=100000}"
    : "${bank_records:=300000}"
    : "${transfer_records:=300000}"
    engine_args=(--customers 1000 --warmup 2 --iterations 3 --seconds 5 --heap 2g)
    state_args=(--accounts 1000000 --heap-accounts 100000 --customers 500); state_heap=6g
    e2e_args=(--latency-warmup 20s --latency-measure 30s); e2e_heap=3g
    ;;
  long)
    : "${records:=3000000}"
    : "${bank_records:=1050000}"
    : "${transfer_records:=1300000}"
    engine_args=(--customers 4000 --warmup 5 --iterations 10 --seconds 10 --heap 4g)
    state_args=(--accounts 1000000 --customers 2000); state_heap=12g
    e2e_args=(--latency-warmup 60s --latency-measure 120s); e2e_heap=6g
    ;;
  *) die "unknown profile '$profile' (short or long)" ;;
esac
[[ "$records" =~ ^[0-9]+$ ]] || die "--records must be a number"
[[ "$bank_records" =~ ^[0-9]+$ ]] || die "--bank-records must be a number"
[[ "$transfer_records" =~ ^[0-9]+$ ]] || die "--transfer-records must be a number"
out="${out:-$root/benchmarks/target/run-$profile}"
data="$out/data"; results="$out/results"; logs="$out/logs"

command -v java >/dev/null || die "java not found (Java 17 is needed)"
stale=""
if [[ -f "$jar" ]]; then
  stale="$(cd "$root" && find . -path ./benchmarks/target -prune -o -newer "$jar" \
      \( -path '*/src/main/*' -o -name pom.xml -o -path './rules/*' \) -type f -print -quit)"
fi
if [[ ! -f "$jar" || -n "$stale" ]]; then
  command -v mvn >/dev/null || die "mvn not found: needed to build $jar"
  say "building $jar (mvn -pl benchmarks -am package -DskipTests) ..."
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests) >&2 || die "the build failed"
fi

rm -rf "$results" "$logs"
mkdir -p "$data" "$results" "$logs"
started=$(date +%s)

# step NAME JAVA-ARGS... : runs one step, its output in $logs/NAME.log; a failure stops the run with one line
step() {
  local name="$1"; shift
  say "$name ..."
  local jfr=()
  if [[ -n "${BENCH_JFR:-}" ]]; then
    mkdir -p "$out/jfr"; jfr=("-XX:StartFlightRecording=filename=$out/jfr/$name.jfr,settings=profile")
  fi
  # shellcheck disable=SC2086
  if ! java ${BENCH_JAVA_OPTS:-} "${jfr[@]}" "$@" > "$logs/$name.log" 2>&1; then
    tail -n 15 "$logs/$name.log" >&2 || true
    die "step '$name' failed (log: $logs/$name.log)"
  fi
  grep '^\[bench' "$logs/$name.log" | tail -n 3 >&2 || true
}

if [[ ! -f "$data/transactions.avro" || ! -f "$data/.records-$records" ]]; then
  rm -rf "$data"; mkdir -p "$data"
  step generate -Xmx4g -jar "$jar" generate --records "$records" --data "$data"
  touch "$data/.records-$records"
fi
step engine -Xmx1g -jar "$jar" engine "${engine_args[@]}" --results "$results"
step state "-Xmx$state_heap" -jar "$jar" state "${state_args[@]}" --results "$results"
step backtest -Xmx4g -jar "$jar" backtest --data "$data" --threads 2 --results "$results"

# data_set NAME POPULATION RECORDS : the generated data set in $out/data-NAME (kept between runs of the same size)
data_set() {
  local dir="$out/data-$1"
  if [[ ! -f "$dir/transactions.avro" || ! -f "$dir/.records-$3" ]]; then
    rm -rf "$dir"; mkdir -p "$dir"
    step "generate_$1" -Xmx4g -jar "$jar" generate --records "$3" --population "$2" --data "$dir"
    touch "$dir/.records-$3"
  fi
}
data_set bank BANK "$bank_records"
step backtest_bank -Xmx6g -jar "$jar" backtest --data "$out/data-bank" --threads 2 --name backtest_bank --results "$results"
data_set transfers TRANSFER_ONLY "$transfer_records"
step backtest_transfers -Xmx6g -jar "$jar" backtest --data "$out/data-transfers" --threads 2 --name backtest_transfers \
    --results "$results"
step e2e "-Xmx$e2e_heap" -jar "$jar" e2e --data "$data" "${e2e_args[@]}" --results "$results"
step cost -Xmx3g -jar "$jar" cost --results "$results"

elapsed=$(( $(date +%s) - started ))
say "all steps done in $((elapsed / 60)) min $((elapsed % 60)) s (profile $profile); logs in $logs"
java -jar "$jar" report --results "$results" --profile "$profile" 2>"$logs/report.log" \
  || die "report failed (log: $logs/report.log)"
