#!/usr/bin/env bash
# Sets up a Debian 12 machine for Rejectscope, builds it, and runs a job:
#   tools/dev.sh demo   import the bundled sample log; print its summary, storms, the
#                       before/after of its switch to 550, and the advice
#   tools/dev.sh test   run every test
#   tools/dev.sh build  only install what is missing and build
set -euo pipefail
cd "$(dirname "$0")/.."

job=${1:-demo}
build_dir=${BUILD_DIR:-build}

# Debian packages the build and the tests need.
packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libarchive-dev zlib1g-dev libsqlite3-dev
  gzip bzip2 xz-utils zstd python3 sqlite3 poppler-utils fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)"

case "$job" in
  build) ;;
  demo)
    # The bundled sample is a real two-instance Postfix capture in UTC (tools/postfix-lab).
    dir=$(mktemp -d)
    db=$dir/sample.db
    cli="$build_dir/app/cli/rejectscope-cli"
    "$cli" import --db "$db" --tz UTC resources/samples/lab/maillog
    for command in summary storms compare advise; do
      echo; echo "== rejectscope-cli $command"
      if [ "$command" = summary ]; then "$cli" summary --db "$db"; else "$cli" "$command" --db "$db" --tz UTC; fi
    done
    echo; echo "== rejectscope-cli report"
    "$cli" report --db "$db" --tz UTC --pdf "$dir/report.pdf" --html "$dir/report.html" --csv "$dir/csv"
    echo "(database: $db)"
    ;;
  test)
    ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
    ;;
  *) echo "usage: tools/dev.sh demo|test|build" >&2; exit 2 ;;
esac
