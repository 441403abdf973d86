#!/usr/bin/env bash
# Starts the real rejectscope on a virtual display (Xvfb) with the bundled sample
# and saves screenshots into a folder: the main window, the chart zoomed on the
# switch to 550, the advisor, the dark theme and the German translation.
#   tools/screenshots.sh [OUT_DIR]      (default: build/screenshots)
# Needs a build (tools/dev.sh build); installs xvfb and imagemagick if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/screenshots}
app=${BUILD_DIR:-build}/app/gui/rejectscope
[ -x "$app" ] || { echo "no $app: run tools/dev.sh build first" >&2; exit 1; }

need=()
command -v Xvfb >/dev/null || need+=(xvfb xauth)
command -v import >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

mkdir -p "$out"
work=$(mktemp -d)
trap 'kill "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
sleep 1

# One shot: a fresh settings folder with the given theme and language, the app
# started on the sample database, the screen saved after it settled.
shot() {
  local name=$1 theme=$2 language=$3; shift 3
  local config=$work/config-$name
  mkdir -p "$config/rejectscope"
  printf '[General]\ntheme=%s\nlanguage=%s\n%s' "$theme" "$language" "${SETTINGS:-}" > "$config/rejectscope/rejectscope.conf"
  XDG_CONFIG_HOME=$config XDG_DATA_HOME=$work/data DISPLAY=$display QT_QPA_PLATFORM=xcb \
    "$app" --db "$work/sample.db" --tz UTC "$@" >"$work/$name.log" 2>&1 & local pid=$!
  sleep "${WAIT:-6}"
  if ! kill -0 $pid 2>/dev/null; then
    echo "rejectscope ended before the screenshot:" >&2; cat "$work/$name.log" >&2; exit 1
  fi
  # The whole screen, trimmed to the window (no window manager: it sits at 0,0).
  DISPLAY=$display import -window root png:- | convert png:- -trim +repage "$out/$name.png"
  kill $pid; wait $pid 2>/dev/null || true
  echo "saved $out/$name.png"
}

# The first run imports the sample; the others open the database it made.
WAIT=10 shot main system en resources/samples/lab/maillog
shot zoomed system en --from 2026-11-21T23:53 --to 2026-11-22T00:06
# The advice: the lower right part of the main window.
convert "$out/main.png" -gravity SouthEast -crop 42%x58%+0+30 +repage "$out/advisor.png" \
  && echo "saved $out/advisor.png"
shot dark dark en
SETTINGS=$'[window]\ntable=5\n' shot events system en
shot german system de
