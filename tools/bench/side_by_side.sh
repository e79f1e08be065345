#!/usr/bin/env bash
# Runs Nabla's and PyTorch's side of the benchmark workloads (../shared/bench/WORKLOADS.md) in one invocation, at
# --threads 1 and 2, interleaved (each Nabla run next to the PyTorch runs it is compared with), collects every JSON
# line into one file and prints the markdown table of ratios (tools/bench/table.py).
#
#   tools/bench/side_by_side.sh [workload ...]        default: gemm mlp infer cnn
#
# PyTorch runs in these configurations (WORKLOADS.md):
#   openblas-env     the environment's OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE; when the environment sets neither, the
#                    forced AVX2 core type that WORKLOADS.md describes (OPENBLAS_CORETYPE=Haswell) is set here
#   openblas-unset   both variables unset in that command only (OpenBLAS picks its AVX-512 kernels)
#   ...+nt1          at --threads 2, the same with OPENBLAS_NUM_THREADS=1 (no oversubscription of the two cores)
# Environment: TORCH_PYTHON (default /usr/bin/python3), TORCH_REFERENCE (default ../shared/bench/torch_reference.py
# beside the repository), OUT (default runs/bench-<UTC date>.jsonl), THREADS (default "1 2"), CONFIGS (PyTorch's
# configurations, default "env unset env+nt1 unset+nt1"; the +nt1 ones run at 2 threads only) and CNN_CONFIGS
# (default "env unset unset+nt1": an epoch of the CNN takes PyTorch tens of seconds, so at --threads 2 it runs only
# the configurations without oversubscription unless CNN_OVERSUBSCRIBED is set), NOWARMUP_WORKLOADS (default
# "mlp cnn"): workloads that Nabla also runs without calling Nabla.warmUp() before loading the data
# (-Dnabla.bench.noWarmUp=true, config nabla-nowarmup),
# EPOCH_CHECK_EPOCHS (default 3; 1 skips it): Nabla's mlp for that many epochs at each thread count afterwards,
# into runs/bench-<date>-epochs.jsonl, for the time, GC and live heap of each epoch; REPEAT (default 1): runs every
# workload's whole round (all thread counts and configurations, interleaved) that many times, and the tables show
# medians: on a host whose speed drifts by tens of percent over minutes, one run of each side can land in
# different phases.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TORCH_PYTHON="${TORCH_PYTHON:-/usr/bin/python3}"
TORCH_REFERENCE="${TORCH_REFERENCE:-../shared/bench/torch_reference.py}"
THREADS="${THREADS:-1 2}"
CONFIGS="${CONFIGS:-env unset env+nt1 unset+nt1}"
CNN_CONFIGS="${CNN_CONFIGS:-env unset unset+nt1}"
NOWARMUP_WORKLOADS="${NOWARMUP_WORKLOADS-mlp cnn}"
EPOCH_CHECK_EPOCHS="${EPOCH_CHECK_EPOCHS:-3}"
REPEAT="${REPEAT:-1}"
WORKLOADS=("$@")
[ ${#WORKLOADS[@]} -eq 0 ] && WORKLOADS=(gemm mlp infer cnn)
mkdir -p runs
OUT="${OUT:-runs/bench-$(date -u +%Y%m%d-%H%M%S).jsonl}"
: > "$OUT"

if [ ! -f "$TORCH_REFERENCE" ]; then
  echo "side_by_side: PyTorch's side not found at $TORCH_REFERENCE (set TORCH_REFERENCE)" >&2
  exit 1
fi

# Nabla's side: the ./nabla launcher's bench command when it has one, else the bench module's jar (built if needed).
if [ -x ./nabla ] && ./nabla bench --help 2>/dev/null | grep -q "mlp,cnn,gemm,infer"; then
  NABLA=(./nabla bench)
else
  source bin/find-jdk25.sh
  JAR="$(ls nabla-bench/target/nabla-bench-*.jar 2>/dev/null | head -n 1 || true)"
  if [ -z "$JAR" ] || [ -n "$(find pom.xml nabla-core/src/main nabla-bench/pom.xml nabla-bench/src/main -newer "$JAR" -print -quit)" ]; then
    echo "# building nabla-bench (tests skipped)" >&2
    LOG="$(mktemp)"
    if ! ./mvnw -B -ntp -q -pl nabla-bench -am package -Dmaven.test.skip=true >"$LOG" 2>&1; then
      cat "$LOG" >&2
      exit 1
    fi
    rm -f "$LOG"
    JAR="$(ls nabla-bench/target/nabla-bench-*.jar | head -n 1)"
    touch "$JAR"
  fi
  NABLA=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -jar "$JAR")
fi

if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -z "${OPENBLAS_L2_SIZE:-}" ]; then
  ENV_CONFIG=(env OPENBLAS_CORETYPE=Haswell)
  ENV_NOTE="OPENBLAS_CORETYPE=Haswell (set here: the environment sets neither variable)"
else
  ENV_CONFIG=(env)
  ENV_NOTE="OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset}"
fi
UNSET=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)

# PyTorch's BLAS: Debian's python3-torch accepts any libblas.so.3, and on some machines apt picks the reference BLAS
# (about 4 GFLOP/s at n = 1024), which would make every ratio meaningless. Say so up front.
if command -v ldconfig >/dev/null && ! ldconfig -p 2>/dev/null | grep -q libopenblas; then
  echo "# warning: OpenBLAS is not installed; PyTorch may be using the reference BLAS" \
       "(apt-get install -y libopenblas0-pthread)" >&2
fi

# run SIDE CONFIG COMMAND...: keeps the JSON lines of the command's output, tagged with the side and configuration.
run() {
  local side="$1" config="$2"
  shift 2
  echo "# $side $config: $*" >&2
  if ! "$@" 2>/dev/null | grep '^{' | sed "s/^{/{\"side\": \"$side\", \"config\": \"$config\", /" | tee -a "$OUT"; then
    echo "# $side $config failed: $*" >&2
  fi
}

echo "# PyTorch openblas-env: $ENV_NOTE" >&2
for w in "${WORKLOADS[@]}"; do
  for rep in $(seq 1 "$REPEAT"); do
    for t in $THREADS; do
      configs="$CONFIGS"
      [ "$w" = cnn ] && configs="$CNN_CONFIGS"
      run nabla nabla "${NABLA[@]}" "$w" --threads "$t"
      if [[ " $NOWARMUP_WORKLOADS " == *" $w "* ]]; then
        run nabla nabla-nowarmup env JAVA_TOOL_OPTIONS=-Dnabla.bench.noWarmUp=true "${NABLA[@]}" "$w" --threads "$t"
      fi
      for c in $configs; do
        # An oversubscribed PyTorch epoch of the CNN (OpenBLAS threads on top of --threads 2) takes minutes.
        if [ "$w" = cnn ] && [ "$t" -gt 1 ] && [[ "$c" != *+nt1 ]] && [ -z "${CNN_OVERSUBSCRIBED:-}" ]; then continue; fi
        case "$c" in
          env) run pytorch openblas-env "${ENV_CONFIG[@]}" "$TORCH_PYTHON" "$TORCH_REFERENCE" "$w" --threads "$t" ;;
          unset) run pytorch openblas-unset "${UNSET[@]}" "$TORCH_PYTHON" "$TORCH_REFERENCE" "$w" --threads "$t" ;;
          env+nt1) [ "$t" -gt 1 ] && run pytorch openblas-env+nt1 "${ENV_CONFIG[@]}" OPENBLAS_NUM_THREADS=1 \
              "$TORCH_PYTHON" "$TORCH_REFERENCE" "$w" --threads "$t" ;;
          unset+nt1) [ "$t" -gt 1 ] && run pytorch openblas-unset+nt1 "${UNSET[@]}" OPENBLAS_NUM_THREADS=1 \
              "$TORCH_PYTHON" "$TORCH_REFERENCE" "$w" --threads "$t" ;;
          *) echo "side_by_side: unknown configuration $c" >&2; exit 2 ;;
        esac
      done
    done
  done
done

echo "# results: $OUT" >&2
python3 tools/bench/table.py "$OUT"

# No growth across epochs: Nabla's mlp for EPOCH_CHECK_EPOCHS epochs at each thread count, into a file of its own.
if [ "$EPOCH_CHECK_EPOCHS" -gt 1 ]; then
  EPOCHS_OUT="${OUT%.jsonl}-epochs.jsonl"
  MAIN_OUT="$OUT"
  OUT="$EPOCHS_OUT"
  : > "$OUT"
  for t in $THREADS; do
    run nabla nabla "${NABLA[@]}" mlp --threads "$t" --epochs "$EPOCH_CHECK_EPOCHS" >/dev/null
  done
  OUT="$MAIN_OUT"
  echo "# epochs: $EPOCHS_OUT" >&2
  echo
  python3 tools/bench/table.py "$EPOCHS_OUT" | sed -n '/^| run | epoch/,$p'
fi
