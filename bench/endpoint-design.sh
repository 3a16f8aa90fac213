#!/usr/bin/env bash
# Endpoint rules, interpreted or generated: the compile time and resolve time of the two
# designs, for GameLift's rule set and S3's, measured the same way. Not product code.
#
#   bench/endpoint-design.sh            # 5 interleaved build pairs per rule set
#   bench/endpoint-design.sh --reps 3
#
# For each rule set, two scratch crates depending on `runtime/` by path:
#   interpreted  what smithy-codegen emits today: a `ServiceRules` static over the rule set's
#                JSON (documentation stripped), parsed on first use, and `resolve(&Params)`
#   generated    the rule set as Rust (`rules_to_rust`, bench/src/bin/rules_to_rust.rs):
#                a typed `Params` and nested `if`s, plus the helper module it calls
# Measured:
#   build        CARGO_INCREMENTAL=0 debug build of the crate alone: dependencies built,
#                `cargo clean -p <crate>` then `cargo build`; pairs interleaved, median wall
#                and CPU (user + sys) time
#   resolve      release build; median ns of one resolution (31 rounds of 20,000), median of
#                3 interleaved runs. GameLift: us-west-2, FIPS and dual-stack off. S3: bucket
#                my-bucket, us-west-2, FIPS off, dual-stack on, Accelerate off
#   first call   the first resolution of a process (parses the rule set and/or partitions)
# And the differential check: every endpoint test case's params resolved by both forms; any
# difference (URL, headers, properties, error message) fails the script.
#
# Needs only the Rust toolchain (rustfmt, when present, formats the generated sources, so that
# their line counts are those of formatted code). Offline after the first run. Scratch crates
# and their shared target directory: target/bench-endpoint-design/.
set -euo pipefail

reps=5
while [[ $# -gt 0 ]]; do
    case $1 in
        --reps) reps=$2; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$repo/target/bench-endpoint-design
target=$work/target
mkdir -p "$work"
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never
TIMEFORMAT='%3R %3U %3S'

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

services=(gamelift s3)
declare -A model shape time_params expected_url
model[gamelift]=$repo/models/gamelift.json
shape[gamelift]='com.amazonaws.gamelift#GameLift'
time_params[gamelift]='{"Region": "us-west-2", "UseFIPS": false, "UseDualStack": false}'
expected_url[gamelift]=https://gamelift.us-west-2.amazonaws.com
model[s3]=$repo/models/s3-endpoint-rules.json
shape[s3]='com.amazonaws.s3#AmazonS3'
time_params[s3]='{"Bucket": "my-bucket", "Region": "us-west-2", "UseFIPS": false, "UseDualStack": true, "Accelerate": false}'
expected_url[s3]=https://my-bucket.s3.dualstack.us-west-2.amazonaws.com

# cargo in a scratch crate, with the shared target directory.
in_crate() { # <service> <form> <cargo args…>
    local dir=$work/$1/$2
    shift 2
    (cd "$dir" && CARGO_TARGET_DIR=$target cargo "$@")
}

# --- scratch crates -----------------------------------------------------------
log "writing the scratch crates (rules_to_rust)"
for svc in "${services[@]}"; do
    rm -rf "${work:?}/$svc"
    (cd "$repo" && cargo run --quiet -p smithy-bench --bin rules_to_rust -- \
        --model "${model[$svc]}" --service "${shape[$svc]}" --name "$svc" \
        --out "$work/$svc" --time-params "${time_params[$svc]}")
    for form in interpreted generated; do
        cat >"$work/$svc/$form/Cargo.toml" <<EOF
[package]
name = "${svc}_$form"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
smithy-runtime = { path = "$repo/runtime" }

# Standalone: not part of the smithy-codegen workspace.
[workspace]
EOF
        # Same dependency versions as the repository's own build.
        cp "$repo/Cargo.lock" "$work/$svc/$form/Cargo.lock"
        if command -v rustfmt >/dev/null; then
            find "$work/$svc/$form" -name '*.rs' -exec rustfmt --edition 2021 {} +
        fi
    done
done
command -v rustfmt >/dev/null || log "note: no rustfmt; line counts are of the unformatted sources"

log "fetching and building dependencies (not timed)"
for svc in "${services[@]}"; do
    for form in interpreted generated; do
        in_crate "$svc" "$form" fetch --quiet
        in_crate "$svc" "$form" build --offline --quiet
        in_crate "$svc" "$form" build --offline --quiet --release --examples
    done
done

# --- differential check -------------------------------------------------------
declare -A check
for svc in "${services[@]}"; do
    log "$svc: differential check"
    if ! check[$svc]=$(in_crate "$svc" generated run --offline --quiet --release \
        --example "${svc}_differential"); then
        echo "${check[$svc]}" >&2
        echo "$svc: THE DIFFERENTIAL CHECK FAILED: the two forms disagree (cases above)" >&2
        exit 1
    fi
    echo "${check[$svc]}" >&2
done

# --- debug build of the crate alone -------------------------------------------
results=$work/builds.tsv
: >"$results"
for svc in "${services[@]}"; do
    for ((rep = 1; rep <= reps; rep++)); do
        for form in interpreted generated; do
            in_crate "$svc" "$form" clean --offline --quiet -p "${svc}_$form"
            # bash's `time`: wall, and CPU (user + sys of cargo and rustc), which a busy
            # machine disturbs less.
            { time in_crate "$svc" "$form" build --offline --quiet; } 2>"$work/time.txt"
            read -r secs user sys < <(tail -1 "$work/time.txt")
            cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
            printf '%s\t%s\t%s\t%s\t%s\n' "$svc" "$form" "$rep" "$secs" "$cpu" >>"$results"
            log "$svc $form build #$rep: ${secs}s wall, ${cpu}s CPU"
        done
    done
done

# --- resolve time -------------------------------------------------------------
timings=$work/resolve.tsv
: >"$timings"
for svc in "${services[@]}"; do
    for ((rep = 1; rep <= 3; rep++)); do
        for form in interpreted generated; do
            read -r ns first url < <("$target/release/examples/${svc}_${form}_time")
            if [[ $url != "${expected_url[$svc]}" ]]; then
                echo "$svc $form resolved $url, expected ${expected_url[$svc]}" >&2
                exit 1
            fi
            printf '%s\t%s\t%s\t%s\t%s\n' "$svc" "$form" "$rep" "$ns" "$first" >>"$timings"
            log "$svc $form resolve #$rep: $ns ns (first call $first µs)"
        done
    done
done

# --- report -------------------------------------------------------------------
lines=$work/lines.tsv
: >"$lines"
for svc in "${services[@]}"; do
    a=$work/$svc/interpreted/src/lib.rs
    b=$work/$svc/generated/src
    json_kb=$(awk -v n="$(wc -c <"$work/$svc/generated/rule_set.json")" 'BEGIN { printf "%.1f", n / 1024 }')
    printf '%s\tinterpreted\t%s (JSON %s KB)\n' "$svc" "$(wc -l <"$a")" "$json_kb" >>"$lines"
    printf '%s\tgenerated\t%s + %s helpers\n' "$svc" "$(wc -l <"$b/endpoint_rules.rs")" \
        "$(wc -l <"$b/rules_helpers.rs")" >>"$lines"
done

echo
echo "== Endpoint rules: interpreted (today) or generated Rust =="
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(rustc -V)"
echo "build: debug, CARGO_INCREMENTAL=0, the crate alone (cargo included), median of $reps interleaved"
echo "pairs, wall and CPU (user + sys);"
echo "resolve: release, median ns of one resolution, median of 3 interleaved runs"
echo
for svc in "${services[@]}"; do echo "${check[$svc]}"; done
echo
awk -F'\t' -v reps="$reps" '
    function median(list,    a, n, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    FILENAME ~ /builds/ {
        build[$1, $2] = build[$1, $2] " " $4; cpu[$1, $2] = cpu[$1, $2] " " $5; pair[$1, $2, $3] = $4; next
    }
    FILENAME ~ /resolve/ { ns[$1, $2] = ns[$1, $2] " " $4; first[$1, $2] = first[$1, $2] " " $5; next }
    { lines[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
    END {
        f = "%-9s %-12s %8s %8s  %-26s %11s %14s\n"
        printf f, "rule set", "form", "build s", "CPU s", "lines", "resolve ns", "first call µs"
        for (i = 1; i <= n; i++) {
            s = order[i]
            for (k = 1; k <= 2; k++) {
                form = k == 1 ? "interpreted" : "generated"
                b[form] = median(build[s, form]); c[form] = median(cpu[s, form]); r[form] = median(ns[s, form])
                printf f, s, form, sprintf("%.2f", b[form]), sprintf("%.2f", c[form]), lines[s, form], sprintf("%.0f", r[form]),
                    sprintf("%.0f", median(first[s, form]))
            }
            pairs = ""
            for (p = 1; p <= reps; p++) pairs = pairs " " sprintf("%.2f", pair[s, "generated", p] / pair[s, "interpreted", p])
            ratios[i] = sprintf("%-9s generated/interpreted: build %.2f wall (pairs:%s), %.2f CPU; resolve %.3f",
                s, b["generated"] / b["interpreted"], pairs, c["generated"] / c["interpreted"], r["generated"] / r["interpreted"])
        }
        print ""
        for (i = 1; i <= n; i++) print ratios[i]
    }' "$results" "$timings" "$lines"
echo
echo "raw rows: $results, $timings; scratch crates: $work/{gamelift,s3}/"
