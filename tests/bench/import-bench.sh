#!/usr/bin/env bash
# import-bench.sh — Rejectscope's import speed and memory next to pflogsumm's.
#
# Generates a realistic Postfix log of N lines with rejectscope-loggen, then runs
#   (a) pflogsumm FILE > /dev/null          (the plain full report)
#   (b) rejectscope-cli import FILE --db DB (a fresh database every run)
# each under /usr/bin/time -v, and prints wall time, lines/s, the speed ratio
# (pflogsumm time / rejectscope time) and peak RSS; with --runs N both run N times,
# one after the other, and the ratio of each pair and their median are printed. With more than 1 M lines it also
# imports a 1 M-line log and prints both peak RSS values: the importer's memory must
# not grow with the file.
#
# Usage: tests/bench/import-bench.sh [N] [options]      (see --help)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$script_dir/../.." && pwd)

lines=${BENCH_LINES:-1000000}
seed=${BENCH_SEED:-1}
runs=${BENCH_RUNS:-1}
format=${BENCH_FORMAT:-classic}
cli=${REJECTSCOPE_CLI:-$repo_dir/build/app/cli/rejectscope-cli}
loggen=${REJECTSCOPE_LOGGEN:-$repo_dir/build/tests/bench/rejectscope-loggen}
out_dir=${BENCH_OUT:-$repo_dir/bench-out}
# Extra arguments for the import command, e.g. REJECTSCOPE_IMPORT_ARGS="--year 2026".
read -r -a import_args <<< "${REJECTSCOPE_IMPORT_ARGS:-}"
run_pflogsumm=1
run_rejectscope=1
keep_logs=0

usage() {
    cat <<EOF
usage: $0 [N] [options]
  N, --lines N         log size in lines (default 1000000; env BENCH_LINES); k/M suffixes work
  --memory-check       same as --lines 10000000: compares peak RSS at 1 M and 10 M
  --seed N             generator seed (default 1; env BENCH_SEED)
  --runs N             run both tools N times in turn on the same log (default 1;
                       env BENCH_RUNS): the ratio of each pair and their median
  --format F           classic | postlogd | iso (default classic; env BENCH_FORMAT)
  --cli PATH           rejectscope-cli (default build/app/cli/rejectscope-cli; env REJECTSCOPE_CLI)
  --loggen PATH        rejectscope-loggen (default build/tests/bench/rejectscope-loggen;
                       env REJECTSCOPE_LOGGEN)
  --out DIR            logs, databases and results (default bench-out/; env BENCH_OUT)
  --pflogsumm-only     skip rejectscope (e.g. before the import command exists)
  --no-pflogsumm       skip pflogsumm (it takes about 8 s per million lines)
  --keep-logs          keep the generated logs (they are ~145 MB per million lines)
EOF
}

die() { echo "import-bench: $*" >&2; exit 1; }

count() { # "10M" -> 10000000, "250k" -> 250000
    case $1 in
        *[kK]) echo $(( ${1%[kK]} * 1000 )) ;;
        *M) echo $(( ${1%M} * 1000000 )) ;;
        *) echo $(( $1 )) ;;
    esac
}

while [ $# -gt 0 ]; do
    case $1 in
        -h|--help) usage; exit 0 ;;
        --lines) lines=$2; shift ;;
        --lines=*) lines=${1#*=} ;;
        --memory-check) lines=10000000 ;;
        --seed) seed=$2; shift ;;
        --runs) runs=$2; shift ;;
        --format) format=$2; shift ;;
        --cli) cli=$2; shift ;;
        --loggen) loggen=$2; shift ;;
        --out) out_dir=$2; shift ;;
        --pflogsumm-only) run_rejectscope=0 ;;
        --no-pflogsumm) run_pflogsumm=0 ;;
        --keep-logs) keep_logs=1 ;;
        [0-9]*) lines=$1 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
    shift
done
[[ $lines =~ ^[0-9]+[kKM]?$ ]] || die "bad line count: $lines"
lines=$(count "$lines")
[ "$lines" -gt 0 ] || die "the line count must be positive"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "bad run count: $runs"

# --- tools -------------------------------------------------------------------------

apt_install() { # package
    echo "import-bench: installing $1 with apt-get" >&2
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get install -y -qq "$1" >/dev/null || die "could not install $1 (apt-get install $1)"
}

[ -x /usr/bin/time ] || apt_install time
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian package 'time')"

pflogsumm_bin=
if [ "$run_pflogsumm" = 1 ]; then
    # Debian installs it in /usr/sbin, which is not on a normal user's PATH.
    pflogsumm_bin=$(command -v pflogsumm || true)
    [ -n "$pflogsumm_bin" ] || [ ! -x /usr/sbin/pflogsumm ] || pflogsumm_bin=/usr/sbin/pflogsumm
    if [ -z "$pflogsumm_bin" ]; then
        apt_install pflogsumm
        pflogsumm_bin=/usr/sbin/pflogsumm
    fi
    [ -x "$pflogsumm_bin" ] || die "pflogsumm not found (Debian package 'pflogsumm')"
fi

[ -x "$loggen" ] || die "generator not found: $loggen
  build it:  cmake --preset default && cmake --build build --target rejectscope-loggen
  or pass:   --loggen PATH  (env REJECTSCOPE_LOGGEN)"

if [ "$run_rejectscope" = 1 ]; then
    [ -x "$cli" ] || die "rejectscope-cli not found: $cli
  build it:  cmake --preset default && cmake --build build
  or pass:   --cli PATH  (env REJECTSCOPE_CLI); --pflogsumm-only measures pflogsumm alone"
    # Fail now, not after generating gigabytes, if the binary has no import command.
    # (Captured first: with pipefail, grep -q closing the pipe early could fail the check.)
    cli_help=$("$cli" --help 2>&1 || true)
    if ! grep -q '^ *import' <<< "$cli_help"; then
        die "'$cli --help' lists no import command: is this build older than the importer?"
    fi
fi

mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
rm -f "$out_dir"/import-failed-*.err
work=$(mktemp -d "$out_dir/run.XXXXXX")
# shellcheck disable=SC2317  # called by the trap
cleanup() {
    if [ "$keep_logs" = 1 ]; then
        echo "import-bench: logs and databases kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# --- helpers -----------------------------------------------------------------------

# Reads a /usr/bin/time -v report: prints "seconds kilobytes".
time_report() {
    awk -F': ' '
        /Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0
            for (i = 1; i <= n; i++) s = s * 60 + p[i]
        }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.3f %d\n", s, rss }' "$1"
}

# Runs a command under /usr/bin/time -v; stdout to $2, stderr to $3, report to $4.
measure() { # label stdout stderr report command...
    local label=$1 stdout=$2 stderr=$3 report=$4
    shift 4
    echo "import-bench: running $label ..." >&2
    if ! /usr/bin/time -v -o "$report" "$@" >"$stdout" 2>"$stderr"; then
        echo "import-bench: $label failed; last lines of its error output:" >&2
        tail -n 20 "$stderr" >&2
        return 1
    fi
}

# The log ends a day before now, so a year inferred from the file's date (or the
# clock) is the log's own year for every line, as on a real server.
start=$(date -d '-4 days' +%Y-%m-%d)

generate() { # lines file
    echo "import-bench: generating $1 lines ($format, seed $seed, from $start) ..." >&2
    /usr/bin/time -v -o "$2.time" "$loggen" --lines "$1" --seed "$seed" --format "$format" \
        --start "$start" --days 3 --output "$2" || die "rejectscope-loggen failed"
    local got
    got=$(wc -l < "$2")
    [ "$got" -eq "$1" ] || die "generator wrote $got lines instead of $1"
    # Written back now, not by the kernel half a minute later in the middle of a
    # measured run: that write-back would stall the import's commits (which wait for
    # the disk) and not pflogsumm (which writes nothing). The pages stay cached.
    sync "$2"
}

import_failed=0
import_once() { # lines file tag -> sets imp_s and imp_kb ("" when the import failed)
    local db=$work/bench-$3.db
    imp_s='' imp_kb=''
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    if measure "rejectscope-cli import ($1 lines)" "$work/import-$3.out" "$work/import-$3.err" \
        "$work/import-$3.time" "$cli" import "$2" --db "$db" "${import_args[@]}"; then
        read -r imp_s imp_kb < <(time_report "$work/import-$3.time")
    else
        import_failed=1
        cp "$work/import-$3.err" "$out_dir/import-failed-$3.err"
        echo "import-bench: its error output is in $out_dir/import-failed-$3.err" >&2
    fi
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
# Of numbers separated by spaces on standard input: the median, the smallest, the largest.
median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{ v[n++] = $1 } END { if (n) print (n % 2 ? v[int(n / 2)] : (v[n / 2 - 1] + v[n / 2]) / 2) }'; }
minof() { tr ' ' '\n' | awk 'NF' | sort -g | head -n 1; }
maxof() { tr ' ' '\n' | awk 'NF' | sort -g | tail -n 1; }

# --- run ---------------------------------------------------------------------------

log=$work/maillog-$lines.log
generate "$lines" "$log"
read -r gen_s _ < <(time_report "$log.time")
size_mb=$(awk -v b="$(stat -c %s "$log")" 'BEGIN { printf "%.0f", b / 1048576 }')

pfl_s='' pfl_kb='' rs_s='' rs_kb='' rs1_kb=''
pfl_all='' pfl_kb_all='' rs_all='' rs_kb_all='' ratio_all='' pairs=''
for ((run = 1; run <= runs; run++)); do
    p_s='' r_s=''
    if [ "$run_pflogsumm" = 1 ]; then
        measure "pflogsumm ($lines lines)" /dev/null "$work/pflogsumm.err" "$work/pflogsumm.time" \
            "$pflogsumm_bin" "$log" || die "pflogsumm failed"
        read -r p_s p_kb < <(time_report "$work/pflogsumm.time")
        pfl_all+=" $p_s" pfl_kb_all+=" $p_kb"
    fi
    if [ "$run_rejectscope" = 1 ]; then
        import_once "$lines" "$log" main
        r_s=$imp_s
        [ -z "$imp_s" ] || rs_all+=" $imp_s" rs_kb_all+=" $imp_kb"
    fi
    if [ -n "$p_s" ] && [ -n "$r_s" ]; then
        ratio=$(awk -v a="$p_s" -v b="$r_s" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')
        ratio_all+=" $ratio"
        pairs+=$(printf '\n  run %d: pflogsumm %s s, rejectscope %s s, ratio %s' "$run" "$p_s" "$r_s" "$ratio")
    fi
done
[ -z "$pfl_all" ] || { pfl_s=$(median <<< "$pfl_all"); pfl_kb=$(maxof <<< "$pfl_kb_all"); }
[ -z "$rs_all" ] || { rs_s=$(median <<< "$rs_all"); rs_kb=$(maxof <<< "$rs_kb_all"); }
if [ -n "$rs_s" ] && [ "$lines" -gt 1000000 ]; then
    # The memory check: the same importer on a 1 M-line log of the same mix.
    [ "$keep_logs" = 1 ] || rm -f "$log"
    small=$work/maillog-1000000.log
    generate 1000000 "$small"
    import_once 1000000 "$small" small
    rs1_kb=$imp_kb
fi

results=$out_dir/results-$(date +%Y%m%d-%H%M%S).txt
{
    echo "Rejectscope import benchmark — $(date -Iseconds)"
    echo "machine:   $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "log:       $lines lines, $size_mb MB, format $format, seed $seed (generated in ${gen_s} s, $(rate "$lines" "$gen_s") lines/s)"
    [ -z "$pflogsumm_bin" ] || echo "pflogsumm: $(dpkg-query -W -f='${Version}' pflogsumm 2>/dev/null || echo '?') ($pflogsumm_bin)"
    [ "$run_rejectscope" = 0 ] || echo "rejectscope-cli: $("$cli" --version 2>/dev/null || echo '?') ($cli)"
    echo
    [ "$runs" = 1 ] || echo "runs:      $runs of each, in turn (wall s: the median; peak RSS: the largest)"
    printf '%-28s %10s %14s %14s\n' "" "wall s" "lines/s" "peak RSS MB"
    [ -z "$pfl_s" ] || printf '%-28s %10s %14s %14s\n' "pflogsumm FILE" "$pfl_s" "$(rate "$lines" "$pfl_s")" "$(mb "$pfl_kb")"
    [ -z "$rs_s" ] || printf '%-28s %10s %14s %14s\n' "rejectscope-cli import" "$rs_s" "$(rate "$lines" "$rs_s")" "$(mb "$rs_kb")"
    [ "$import_failed" = 0 ] || echo "rejectscope-cli import      FAILED (see $out_dir/import-failed-*.err)"
    if [ -n "$pfl_s" ] && [ -n "$rs_s" ]; then
        echo
        if [ "$runs" = 1 ]; then
            echo "speed ratio (pflogsumm time / rejectscope time): $(awk -v a="$pfl_s" -v b="$rs_s" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }')"
        else
            echo "speed ratio (pflogsumm time / rejectscope time) of each run:$pairs"
            echo "speed ratio, median of $runs runs: $(median <<< "$ratio_all")" \
                 "(lowest $(minof <<< "$ratio_all"),"  \
                 "highest $(maxof <<< "$ratio_all"))"
        fi
    fi
    if [ -n "$rs1_kb" ]; then
        echo
        echo "memory check: rejectscope peak RSS $(mb "$rs1_kb") MB at 1000000 lines, $(mb "$rs_kb") MB at $lines lines" \
             "(x$(awk -v a="$rs_kb" -v b="$rs1_kb" 'BEGIN { printf "%.2f", a / b }'); flat means streaming)"
    fi
} | tee "$results"
echo "import-bench: results saved to $results" >&2
exit "$import_failed"
