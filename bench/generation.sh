#!/usr/bin/env bash
# Generation speed of the release CLI, and where the time goes.
#
#   bench/generation.sh                  # everything
#   bench/generation.sh --gamelift-only  # skip the 402-model runs
#
# 1. GameLift end to end: `smithy-codegen generate models/gamelift.json` into a
#    fresh directory (process start, reading, generating, writing), RUNS times
#    after two warm-up runs; best and median wall times.
# 2. Every model of ../shared/aws-models.tar.gz (or $SMITHY_MODELS), when present:
#    `smithy-codegen sweep` with its default jobs (one per core) and with --jobs 1.
#    Without a `sweep` subcommand, the tarball is extracted and `generate` runs
#    once per model (process start-up included in that case).
# 3. Stage shares (parse, IR, emission, formatting):
#    `cargo bench -p smithy-bench --bench generation`.
#
# Scratch output goes to target/bench-generation/ (or $SMITHY_BENCH_DIR).
set -euo pipefail

RUNS=${RUNS:-15}
gamelift_only=0
case ${1:-} in
    --gamelift-only) gamelift_only=1 ;;
    "") ;;
    *) echo "usage: $0 [--gamelift-only]   (RUNS=N sets the GameLift runs)" >&2; exit 2 ;;
esac
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${SMITHY_BENCH_DIR:-$repo/target/bench-generation}
tarball=${SMITHY_MODELS:-$repo/../shared/aws-models.tar.gz}
[[ -f $tarball ]] && tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
mkdir -p "$work"
work=$(cd "$work" && pwd)

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
now() { date +%s%N; }
ms() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", (e - s) / 1e6 }'; }

log "building the release CLI (not timed)"
exe=$(cd "$repo" && cargo build --quiet --release -p smithy-codegen --bin smithy-codegen \
    --message-format=json | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
cli=$work/smithy-codegen
cp "$exe" "$cli"

echo "== Generation speed =="
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(rustc -V)"
echo

# --- GameLift, end to end -----------------------------------------------------
# Prints "<wall ms> <CPU ms>" (CPU = user + sys, "-" without GNU time).
gen_gamelift() {
    rm -rf "$work/gamelift"
    local s e cpu=-
    local cmd=("$cli" generate "$repo/models/gamelift.json" --out "$work/gamelift" --crate-name gamelift
        --runtime-path ../../runtime)
    s=$(now)
    if ((gnu_time)); then
        /usr/bin/time -f '%U %S' -o "$work/time.txt" "${cmd[@]}" >/dev/null 2>"$work/generate.log"
    else
        "${cmd[@]}" >/dev/null 2>"$work/generate.log"
    fi
    e=$(now)
    ((gnu_time)) && cpu=$(awk '{printf "%.1f", ($1 + $2) * 1000}' "$work/time.txt")
    echo "$(ms "$s" "$e") $cpu"
}
gnu_time=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%U' -o /dev/null true 2>/dev/null; then gnu_time=1; fi
gen_gamelift >/dev/null
gen_gamelift >/dev/null
: >"$work/gamelift-times.txt"
for ((i = 0; i < RUNS; i++)); do
    gen_gamelift >>"$work/gamelift-times.txt"
done
awk -v n="$RUNS" '
    function sort(a,    i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t } }
    { w[NR] = $1; c[NR] = $2 }
    END {
        sort(w); sort(c); m = int((n + 1) / 2)
        printf "GameLift, release CLI end to end (%d runs): wall best %.1f ms, median %.1f ms", n, w[1], w[m]
        if (c[1] != "-") printf "; CPU (user+sys) best %.1f ms, median %.1f ms", c[1], c[m]
        printf "\n"
    }' "$work/gamelift-times.txt"
if cmp -s <(cat "$work/gamelift/src/"*.rs) <(cat "$repo/generated/gamelift/src/"*.rs); then
    echo "  (output identical to the committed generated/gamelift)"
else
    echo "  (note: output differs from the committed generated/gamelift; the generator has changed since)"
fi
echo

# --- every model ----------------------------------------------------------------
if ((gamelift_only)); then
    echo "All models: skipped (--gamelift-only)"
elif [[ -f $tarball ]]; then
    if "$cli" --help | grep -qw sweep; then
        for jobs in "" 1; do
            args=(sweep "$tarball" --out "$work/sweep")
            [[ -n $jobs ]] && args+=(--jobs "$jobs")
            rm -rf "$work/sweep"
            log=$work/sweep${jobs:+-j$jobs}.log
            s=$(now)
            if ((gnu_time)); then
                /usr/bin/time -f '%U %S' -o "$work/time.txt" "$cli" "${args[@]}" >"$log" 2>&1 || true
                cpu=$(awk '{printf "; CPU (user+sys) %.1f s", $1 + $2}' "$work/time.txt")
            else
                "$cli" "${args[@]}" >"$log" 2>&1 || true
                cpu=
            fi
            e=$(now)
            echo "All models, \`smithy-codegen sweep $(basename "$tarball")${jobs:+ --jobs $jobs}\`: wall $(ms "$s" "$e") ms$cpu"
            echo "  $(grep '^sweep:' "$work/sweep${jobs:+-j$jobs}.log" | tail -1)"
        done
    else
        rm -rf "$work/models" "$work/out"
        mkdir -p "$work/models" "$work/out"
        tar -xzf "$tarball" -C "$work/models"
        ok=0 failed=0
        s=$(now)
        while IFS= read -r -d '' model; do
            name=$(basename "$model" .json)
            if "$cli" generate "$model" --out "$work/out/$name" --runtime-path "$repo/runtime" \
                >/dev/null 2>&1; then
                ok=$((ok + 1))
            else
                failed=$((failed + 1))
            fi
        done < <(find "$work/models" -name '*.json' -print0 | sort -z)
        e=$(now)
        echo "All models, one \`generate\` process per model (start-up included): $ok ok, $failed failed, wall $(ms "$s" "$e") ms"
    fi
else
    echo "All models: $tarball not found, skipped"
fi
echo

# --- stage shares -------------------------------------------------------------
log "stage shares: cargo bench -p smithy-bench --bench generation"
((gamelift_only)) && tarball=/nonexistent
(cd "$repo" && SMITHY_MODELS=$tarball cargo bench --quiet -p smithy-bench --bench generation)
