#!/usr/bin/env bash
# Compile-time benchmark: our generated GameLift crate against aws-sdk-gamelift,
# side by side in one run on one machine, plus the build of a 5-operation subset.
#
#   bench/compile.sh              # everything: debug and release
#   bench/compile.sh --debug-only # skip the release builds
#   bench/compile.sh --quick      # debug only, one repetition of each top-crate build
#   bench/compile.sh --program    # only the "list fleets" program, ours against theirs
#                                 # (with --debug-only: debug only)
#
# Needs only the Rust toolchain and network access to crates.io (dependencies are
# fetched before any timing starts, and every build then runs with --offline).
# Scratch crates and target directories live in target/bench-compile/ (or
# $SMITHY_BENCH_DIR); nothing there is meant to be committed.
#
# For each profile (debug, release) and each side (ours, theirs):
#   cold      fresh target directory, the whole dependency tree
#   top crate `cargo clean -p <crate>` then build again (the crate plus the
#             one-line scratch crate above it), repeated; the median is reported
# The two sides always run back to back, so a ratio compares like with like even
# on a busy machine. Peak memory is the maximum resident set of the largest single
# process (GNU time's ru_maxrss), shown only when /usr/bin/time -v works.
# Units are compilation units that actually ran: rustc invocations plus build
# script runs (the count `cargo build --timings` calls "units").
# CARGO_INCREMENTAL=0 on both sides: a crates.io dependency never builds
# incrementally, and a path dependency should not pay for it here either.
#
# --program replaces all of the above with the build of a small program, the one a
# user writes: list the account's fleets, page by page (ListFleets), with region
# and credentials from the environment, on a current-thread tokio runtime.
#   ours      the repository's tests/examples/list_fleets.rs, copied as the
#             program's main.rs, on generated/gamelift with default features
#             (the runtime's HTTPS transport, SigV4, credentials) and the
#             repository's Cargo.lock
#   theirs    the same loop on aws-config (default features) and aws-sdk-gamelift,
#             loaded with aws_config::load_defaults(BehaviorVersion::latest())
# For each profile, back to back: the cold build of the whole tree (wall, CPU,
# peak RSS, units) and, for release, the size of the binary, as built and stripped
# (when `strip` is installed). Results go to program.tsv, not results.tsv.
set -euo pipefail

AWS_VERSION=1.137.0
# The aws-config that cargo resolves together with aws-sdk-gamelift $AWS_VERSION
# (the newest 1.x on 2026-11-30; both share one set of aws-smithy-* crates).
AWS_CONFIG_VERSION=1.13.0
SUBSET_OPS=StartMatchBackfill,DescribeGameSessions,CreateGameSession,SearchGameSessions,DescribeMatchmaking

profiles=(debug release)
top_reps=3
subset_reps=5
program=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --debug-only) profiles=(debug) ;;
        --quick) profiles=(debug); top_reps=1; subset_reps=3 ;;
        --reps) top_reps=$2; shift ;;
        --program) program=1 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${SMITHY_BENCH_DIR:-$repo/target/bench-compile}
mkdir -p "$work/logs"
work=$(cd "$work" && pwd)
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
    gnu_time=1
else
    gnu_time=0
    echo "note: /usr/bin/time -v is not available; peak memory is not reported" >&2
fi

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# --- scratch crates -----------------------------------------------------------
manifest() { # <dir> <package> <dependency lines>
    mkdir -p "$1/src"
    cat >"$1/Cargo.toml" <<EOF
[package]
name = "$2"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$3

# Standalone: not part of the smithy-codegen workspace.
[workspace]
EOF
}
scratch() { # <dir> <package> <dependency line> <use line>: a library crate
    manifest "$1" "$2" "$3"
    echo "$4" >"$1/src/lib.rs"
}

# --- one timed build ----------------------------------------------------------
# measure <side> <kind> <profile> <dir> <target dir> <rep>: appends a row to $results.
measure() {
    local side=$1 kind=$2 profile=$3 dir=$4 target=$5 rep=$6
    local name=$side-$kind-$profile-$rep
    local args=(build --offline --message-format=json)
    [[ $profile == release ]] && args+=(--release)
    local start end rss=- cpu=- units
    start=$(date +%s%N)
    if ((gnu_time)); then
        (cd "$dir" && CARGO_TARGET_DIR=$target /usr/bin/time -v -o "$work/logs/$name.time" \
            cargo "${args[@]}" >"$work/logs/$name.json" 2>"$work/logs/$name.err")
    else
        (cd "$dir" && CARGO_TARGET_DIR=$target cargo "${args[@]}" \
            >"$work/logs/$name.json" 2>"$work/logs/$name.err")
    fi
    end=$(date +%s%N)
    if ((gnu_time)); then
        rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/logs/$name.time")
        cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' \
            "$work/logs/$name.time")
    fi
    # rustc invocations that ran (fresh=false) plus build-script runs of the
    # packages that were rebuilt.
    units=$(awk '
        function id() { match($0, /"package_id":"[^"]*"/); return substr($0, RSTART, RLENGTH) }
        /"reason":"compiler-artifact"/ && /"fresh":false/ { built[id()] = 1; n++ }
        /"reason":"build-script-executed"/ { ran[id()] = 1 }
        END { for (p in ran) if (p in built) n++; print n + 0 }' "$work/logs/$name.json")
    local secs
    secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$profile" "$kind" "$side" "$rep" "$secs" "$cpu" "$rss" "$units" >>"$results"
    log "$side $kind $profile #$rep: ${secs}s wall, ${cpu}s CPU, peak RSS ${rss} KiB, $units units"
}

# --- the table ----------------------------------------------------------------
# table <results file>: ours against theirs, one row per profile and build.
table() {
    awk -F'\t' '
        function median(list,    a, n, i, j, t) {
            n = split(list, a, " ")
            if (n == 0) return "-"
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        function num(x) { return x == "-" ? "-" : sprintf("%.2f", x) }
        function mb(kb) { return kb == "-" ? "-" : sprintf("%.0f MB", kb / 1024) }
        function ratio(a, b) { return (a == "-" || b == "-" || b + 0 == 0) ? "-" : sprintf("%.3f", a / b) }
        {
            g = $1 SUBSEP $2; k = g SUBSEP $3
            wall[k] = wall[k] " " $5
            if ($6 != "-") cpu[k] = cpu[k] " " $6
            if ($7 != "-" && $7 + 0 > rss[k] + 0) rss[k] = $7
            units[k] = $8
            w[k, $4] = $5
            if (!(g in seen)) { seen[g] = 1; order[++n] = g }
        }
        END {
            f = "%-8s %-10s | %8s %7s %6s | %8s %7s %6s | %8s %8s %6s | %6s %5s\n"
            printf f, "profile", "build", "wall s", "", "", "CPU s", "", "", "peak RSS", "", "", "units", ""
            printf f, "", "", "theirs", "ours", "ratio", "theirs", "ours", "ratio", "theirs", "ours", "ratio", "theirs", "ours"
            for (i = 1; i <= n; i++) {
                g = order[i]; split(g, pk, SUBSEP); kt = g SUBSEP "theirs"; ko = g SUBSEP "ours"
                label = pk[2] == "cold" || pk[2] == "program" ? "cold tree" : pk[2] == "top" ? "top crate" : "subset"
                wt = median(wall[kt]); wo = median(wall[ko]); ct = median(cpu[kt]); co = median(cpu[ko])
                rt = (kt in rss) ? rss[kt] : "-"; ro = (ko in rss) ? rss[ko] : "-"
                printf f, pk[1], label, num(wt), num(wo), ratio(wo, wt), num(ct), num(co), ratio(co, ct),
                    mb(rt), mb(ro), ratio(ro, rt), (kt in units) ? units[kt] : "-", (ko in units) ? units[ko] : "-"
                # Per-run wall ratios of back-to-back pairs (robust to load that changes over time).
                pairs = ""
                for (r = 1; (g SUBSEP "ours", r) in w; r++)
                    if ((g SUBSEP "theirs", r) in w) pairs = pairs " " sprintf("%.3f", w[g SUBSEP "ours", r] / w[g SUBSEP "theirs", r])
                if (pk[2] == "top") pair_line[i] = sprintf("  %s top crate, wall ratio of each back-to-back pair:%s (median %.3f)", pk[1], pairs, median(pairs))
            }
            for (i = 1; i <= n; i++) if (i in pair_line) print pair_line[i]
        }' "$1"
}

# --- a program: list fleets ---------------------------------------------------
if ((program)); then
    results=$work/program.tsv
    sizes=$work/program-sizes.tsv
    : >"$results"
    : >"$sizes"
    tokio_dep='tokio = { version = "1", features = ["macros", "rt"] }'
    manifest "$work/program-theirs" list-fleets-theirs "aws-config = \"=$AWS_CONFIG_VERSION\"
aws-sdk-gamelift = \"=$AWS_VERSION\"
$tokio_dep"
    cat >"$work/program-theirs/src/main.rs" <<'EOF'
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let client = aws_sdk_gamelift::Client::new(&config);
    let mut next_token = None;
    loop {
        let page = client.list_fleets().set_next_token(next_token).send().await?;
        for fleet in page.fleet_ids() {
            println!("{fleet}");
        }
        match page.next_token() {
            Some(token) => next_token = Some(token.to_owned()),
            None => return Ok(()),
        }
    }
}
EOF
    manifest "$work/program-ours" list-fleets-ours "gamelift = { path = \"$repo/generated/gamelift\" }
$tokio_dep"
    # The repository's example, as it is, and the repository's dependency versions.
    cp "$repo/tests/examples/list_fleets.rs" "$work/program-ours/src/main.rs"
    cp "$repo/Cargo.lock" "$work/program-ours/Cargo.lock"

    log "fetching dependencies (not timed)"
    (cd "$work/program-theirs" && cargo fetch --quiet)
    (cd "$work/program-ours" && cargo fetch --quiet)

    for profile in "${profiles[@]}"; do
        for side in theirs ours; do
            rm -rf "$work/target/program-$side-$profile"
        done
        # Cold: the whole tree, back to back.
        for side in theirs ours; do
            measure "$side" program "$profile" "$work/program-$side" \
                "$work/target/program-$side-$profile" 1
        done
        [[ $profile == release ]] || continue
        # Binary sizes: as cargo builds it (release profile defaults), and stripped.
        for side in theirs ours; do
            bin=$work/target/program-$side-$profile/release/list-fleets-$side
            size=$(stat -c %s "$bin")
            stripped=-
            if command -v strip >/dev/null; then
                cp "$bin" "$work/logs/list-fleets-$side.stripped"
                strip "$work/logs/list-fleets-$side.stripped"
                stripped=$(stat -c %s "$work/logs/list-fleets-$side.stripped")
            fi
            printf '%s\t%s\t%s\n' "$side" "$size" "$stripped" >>"$sizes"
        done
    done

    # Resolved versions: name<TAB>version of each package in a Cargo.lock.
    locked() { awk '/^name = / {gsub(/"/, ""); n = $3} /^version = / {gsub(/"/, ""); print n "\t" $3}' "$1"; }
    version_of() { locked "$1" | awk -F'\t' -v p="$2" '$1 == p { v = v sep $2; sep = ", " } END { print v }'; }
    theirs_lock=$work/program-theirs/Cargo.lock ours_lock=$work/program-ours/Cargo.lock
    echo
    echo "== A program (list fleets): generated gamelift vs aws-config + aws-sdk-gamelift =="
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(rustc -V)"
    echo "theirs: aws-config $(version_of "$theirs_lock" aws-config), aws-sdk-gamelift" \
        "$(version_of "$theirs_lock" aws-sdk-gamelift), tokio $(version_of "$theirs_lock" tokio);" \
        "$(locked "$theirs_lock" | wc -l) packages in Cargo.lock"
    echo "ours:   gamelift (generated/gamelift, default features), tokio $(version_of "$ours_lock" tokio);" \
        "$(locked "$ours_lock" | wc -l) packages in Cargo.lock"
    echo "cold tree: fresh target directory, the whole dependency tree, one build per side, back to back;"
    echo "wall and CPU (user+sys of cargo and every rustc) in seconds; peak RSS: largest single process;"
    echo "CARGO_INCREMENTAL=0"
    echo
    table "$results"
    if [[ -s $sizes ]]; then
        echo
        awk -F'\t' '
            function mb(b) { return b == "-" ? "-" : sprintf("%.1f MB", b / 1e6) }
            function ratio(a, b) { return (a == "-" || b == "-" || b + 0 == 0) ? "-" : sprintf("%.3f", a / b) }
            { size[$1] = $2; stripped[$1] = $3 }
            END {
                printf "release binary:   theirs %10d B (%s), ours %10d B (%s), ratio %s\n",
                    size["theirs"], mb(size["theirs"]), size["ours"], mb(size["ours"]), ratio(size["ours"], size["theirs"])
                if (stripped["theirs"] != "-")
                    printf "stripped (strip): theirs %10d B (%s), ours %10d B (%s), ratio %s\n",
                        stripped["theirs"], mb(stripped["theirs"]), stripped["ours"], mb(stripped["ours"]),
                        ratio(stripped["ours"], stripped["theirs"])
            }' "$sizes"
    fi
    echo
    echo "goals: cold tree wall ratio <= 0.25 (1/4), release binary size ratio <= 0.333 (1/3)"
    echo "raw rows (profile, build, side, rep, wall s, CPU s, peak RSS KiB, units): $results"
    echo "binary sizes (side, bytes, stripped bytes): $sizes; cargo logs: $work/logs/"
    exit 0
fi

# --- the generated crate alone ------------------------------------------------
results=$work/results.tsv
: >"$results"
: >"$work/disk.tsv"
scratch "$work/theirs" bench-theirs "aws-sdk-gamelift = \"=$AWS_VERSION\"" "pub use aws_sdk_gamelift;"
scratch "$work/ours" bench-ours "gamelift = { path = \"$repo/generated/gamelift\" }" "pub use gamelift;"
# Same dependency versions as the repository's own build.
cp "$repo/Cargo.lock" "$work/ours/Cargo.lock"

log "fetching dependencies (not timed)"
(cd "$work/theirs" && cargo fetch --quiet)
(cd "$work/ours" && cargo fetch --quiet)
# Built first so a broken checkout fails before the long builds start.
log "building the release CLI (not timed)"
exe=$(cd "$repo" && cargo build --quiet --release -p smithy-codegen --bin smithy-codegen \
    --message-format=json | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
cli=$work/smithy-codegen
cp "$exe" "$cli"

# --- ours vs theirs -----------------------------------------------------------
for profile in "${profiles[@]}"; do
    clean_flags=()
    [[ $profile == release ]] && clean_flags=(--release)
    for side in theirs ours; do
        rm -rf "$work/target/$side-$profile"
    done
    # Cold: the whole tree, back to back.
    for side in theirs ours; do
        measure "$side" cold "$profile" "$work/$side" "$work/target/$side-$profile" 1
    done
    du_theirs=$(du -sm "$work/target/theirs-$profile" | cut -f1)
    du_ours=$(du -sm "$work/target/ours-$profile" | cut -f1)
    printf '%s\tdisk\t%s\t%s\n' "$profile" "$du_theirs" "$du_ours" >>"$work/disk.tsv"
    # Top crate alone, interleaved.
    for ((rep = 1; rep <= top_reps; rep++)); do
        for side in theirs ours; do
            crate=gamelift
            [[ $side == theirs ]] && crate=aws-sdk-gamelift
            (cd "$work/$side" && CARGO_TARGET_DIR=$work/target/$side-$profile \
                cargo clean --offline --quiet -p "$crate" "${clean_flags[@]}")
            measure "$side" top "$profile" "$work/$side" "$work/target/$side-$profile" "$rep"
        done
    done
done

# --- 5-operation subset -------------------------------------------------------
rm -rf "$work/subset"
mkdir -p "$work/subset"
"$cli" generate "$repo/models/gamelift.json" --operations "$SUBSET_OPS" \
    --out "$work/subset/gamelift_subset" --crate-name gamelift_subset \
    --runtime-path "$repo/runtime" >/dev/null
scratch "$work/subset" bench-subset "gamelift_subset = { path = \"gamelift_subset\" }" "pub use gamelift_subset;"
cp "$repo/Cargo.lock" "$work/subset/Cargo.lock"
subset_lines=$(cat "$work/subset/gamelift_subset/src/"*.rs | wc -l)
for profile in "${profiles[@]}"; do
    clean_flags=()
    [[ $profile == release ]] && clean_flags=(--release)
    args=(build --offline --quiet)
    [[ $profile == release ]] && args+=(--release)
    log "subset: warming dependencies ($profile, not timed)"
    (cd "$work/subset" && CARGO_TARGET_DIR=$work/target/subset cargo "${args[@]}")
    for ((rep = 1; rep <= subset_reps; rep++)); do
        (cd "$work/subset" && CARGO_TARGET_DIR=$work/target/subset \
            cargo clean --offline --quiet -p gamelift_subset "${clean_flags[@]}")
        measure ours subset "$profile" "$work/subset" "$work/target/subset" "$rep"
    done
done

# --- report -------------------------------------------------------------------
ours_lines=$(cat "$repo/generated/gamelift/src/"*.rs | wc -l)
aws_src=$(cd "$work/theirs" && cargo metadata --offline --format-version 1 2>/dev/null |
    grep -o "\"manifest_path\":\"[^\"]*aws-sdk-gamelift-$AWS_VERSION/Cargo.toml\"" | head -1 |
    sed 's/"manifest_path":"//; s/Cargo.toml"$//')
theirs_lines=-
if [[ -n $aws_src && -d $aws_src/src ]]; then
    theirs_lines=$(find "$aws_src/src" -name '*.rs' -exec cat {} + | wc -l)
fi

echo
echo "== Compile time: generated gamelift vs aws-sdk-gamelift $AWS_VERSION =="
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(rustc -V)"
echo "lines of Rust: ours $ours_lines, theirs $theirs_lines; subset crate ($SUBSET_OPS): $subset_lines"
echo "wall and CPU (user+sys of cargo and every rustc) in seconds; top crate and subset: median of"
echo "$top_reps and $subset_reps runs; peak RSS: largest single process; CARGO_INCREMENTAL=0"
echo
table "$results"
echo
while IFS=$'\t' read -r profile _ th ou; do
    echo "target dir after cold $profile build: theirs $th MB, ours $ou MB"
done <"$work/disk.tsv"
echo
echo "raw rows (profile, build, side, rep, wall s, CPU s, peak RSS KiB, units): $results"
echo "cargo logs: $work/logs/"
