#!/usr/bin/env bash
# Rejectscope Postfix lab: two real Postfix instances on loopback produce a
# retry storm of 450 rejections, a 450 -> 550 switch, RFC 7504 null-server (521)
# deferrals and soft_bounce phases. See README.md beside this file.
#
# Run as root on Debian 12:   sudo tools/postfix-lab/run-lab.sh
# Smoke run (~4 minutes):     sudo QUICK=1 tools/postfix-lab/run-lab.sh
#
# Touches nothing outside 127.0.0.0/8, uses only its own directories under
# $LAB_DIR, leaves a system Postfix instance (if any) alone, and stops
# everything it started on exit, error or Ctrl-C.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT=$(cd "$HERE/../.." && pwd)

# ---------------------------------------------------------------- settings
QUICK=${QUICK:-0}
LAB_DIR=${LAB_DIR:-/var/tmp/rejectscope-lab}
OUT_DIR=${OUT_DIR:-$PROJECT/resources/samples/lab}
SEED=${SEED:-20261121}
if [[ $QUICK == 1 ]]; then
  : "${P1_SECS:=75}" "${P2_SECS:=30}" "${P3_SECS:=35}" "${P4A_SECS:=30}" "${P4B_SECS:=25}" "${TAIL_SECS:=15}"
  : "${INTERVAL_MIN:=2}" "${INTERVAL_MAX:=4}"
else
  # defaults: about 19 minutes in all
  : "${P1_SECS:=540}" "${P2_SECS:=150}" "${P3_SECS:=150}" "${P4A_SECS:=150}" "${P4B_SECS:=120}" "${TAIL_SECS:=45}"
  : "${INTERVAL_MIN:=4}" "${INTERVAL_MAX:=8}"
fi
UNKNOWN_SHARE=${UNKNOWN_SHARE:-0.35}   # messages with one unknown recipient
MULTI_SHARE=${MULTI_SHARE:-0.12}       # messages with one known + one unknown recipient
NULL_INTERVAL_MIN=${NULL_INTERVAL_MIN:-12}
NULL_INTERVAL_MAX=${NULL_INTERVAL_MAX:-20}
NULL_ENHANCED=${NULL_ENHANCED-5.3.2}   # enhanced code in the 521 reply; empty for none

RCV_PORT=2525 SND_PORT=2526 NULL_PORT=2527
RCV_DOMAIN=in.lab.test NULL_DOMAIN=null.lab.test
KNOWN_USERS="anna bert carl dora emil"

RCV=$LAB_DIR/in     # receiver: config dir = $RCV/etc
SND=$LAB_DIR/out    # sender
PY=/usr/bin/python3
export TZ=UTC       # the lab's processes log in UTC; the sample's times are UTC
export LC_ALL=C

log() { printf '%s lab: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(id -u) == 0 ]] || die "run as root (Postfix instances need it)"

# ---------------------------------------------------------------- install
install_packages() {
  local need=()
  command -v postfix >/dev/null 2>&1 || need+=(postfix)
  [[ -x $PY ]] || need+=(python3)
  ((${#need[@]})) || return 0
  log "installing ${need[*]}"
  # "No configuration": the package writes no /etc/postfix/main.cf and starts nothing.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -q --no-install-recommends "${need[@]}"
}

# ---------------------------------------------------------------- cleanup
PIDS=()
SLEEP_PID=
# sleep in the background and wait, so that a signal runs the trap at once
pause() { sleep "$1" & SLEEP_PID=$!; wait "$SLEEP_PID"; SLEEP_PID=; }
STARTED=()
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [[ -n $SLEEP_PID ]] && kill "$SLEEP_PID" 2>/dev/null
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  for d in "${STARTED[@]}"; do
    postfix -c "$d" stop >/dev/null 2>&1 || postfix -c "$d" abort >/dev/null 2>&1
  done
  # give postlogd a moment to write the last lines, then make sure nothing is left
  sleep 1
  for d in "${STARTED[@]}"; do
    local qd; qd=$(postconf -c "$d" -h queue_directory 2>/dev/null)
    if [[ -f $qd/pid/master.pid ]]; then
      local mp; mp=$(tr -dc 0-9 <"$qd/pid/master.pid")
      [[ -n $mp ]] && kill -0 "$mp" 2>/dev/null && kill "$mp"
    fi
  done
  log "stopped everything the lab started (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- events
EVENTS=$LAB_DIR/events.tsv
event() { # name [note]
  local ns; ns=$(date +%s.%N)
  local sec=${ns%.*}
  printf '%s\t%s\t%s\t%.3f\t%s\n' "$1" "$(date -u -d "@$sec" +%Y-%m-%dT%H:%M:%SZ)" "$sec" "$ns" "${2:-}" >>"$EVENTS"
  log "event $1 at $(date -u -d "@$sec" +%H:%M:%S)${2:+ ($2)}"
}

# ---------------------------------------------------------------- instances
master_cf() { # smtpd listen address; chroot off everywhere ("n" in column 5)
  cat <<EOF
# Rejectscope lab instance: chroot disabled for every service.
$1 inet  n       -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

common_main_cf() { # dir syslog_name myhostname
  cat <<EOF
# Rejectscope lab instance (generated by tools/postfix-lab/run-lab.sh)
compatibility_level = 3.6
config_directory = $1/etc
queue_directory = $1/queue
data_directory = $1/data
syslog_name = $2
maillog_file = $1/maillog
myhostname = $3
mydomain = lab.test
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
# no DNS anywhere: no reverse lookup of clients, no MX/A lookups
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
smtp_host_lookup = native
alias_maps =
alias_database =
biff = no
smtputf8_enable = no
delay_warning_time = 0
smtp_tls_security_level = none
smtpd_tls_security_level = none
EOF
}

setup_instances() {
  local d
  for d in "$RCV" "$SND"; do mkdir -p "$d/etc" "$d/queue" "$d/data"; done
  chown postfix:postfix "$RCV/data" "$SND/data"

  # RECEIVER: rejects unknown local users with 450, discards what it accepts.
  master_cf "127.0.0.1:$RCV_PORT" >"$RCV/etc/master.cf"
  { common_main_cf "$RCV" postfix-in mx.lab.test
    cat <<EOF
mynetworks = 127.0.0.1/32
mydestination = $RCV_DOMAIN, \$myhostname, localhost
local_recipient_maps = texthash:\$config_directory/local_recipients
unknown_local_recipient_reject_code = 450
# accepted mail goes nowhere (no mailbox needed)
local_transport = discard:lab receiver sink
EOF
  } >"$RCV/etc/main.cf"
  for u in $KNOWN_USERS postmaster; do echo "$u ok"; echo "$u@$RCV_DOMAIN ok"; done >"$RCV/etc/local_recipients"

  # SENDER: relays the receiver's and the null server's domains with a fast
  # retry schedule; the envelope senders' domains are local to it (so that its
  # non-delivery notifications are delivered, i.e. discarded, right away).
  master_cf "127.0.0.1:$SND_PORT" >"$SND/etc/master.cf"
  { common_main_cf "$SND" postfix-out out.lab.test
    cat <<EOF
mynetworks = 127.0.0.0/8
mydestination = shop.lab.test, news.lab.test, crm.lab.test, \$myhostname, localhost
local_recipient_maps =
local_transport = discard:lab sender bounce sink
transport_maps = texthash:\$config_directory/transport
smtp_bind_address = 127.0.0.2
queue_run_delay = 10s
minimal_backoff_time = 10s
maximal_backoff_time = 30s
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
EOF
  } >"$SND/etc/main.cf"
  printf '%s\tsmtp:[127.0.0.1]:%s\n%s\tsmtp:[127.0.0.1]:%s\n' \
    "$RCV_DOMAIN" "$RCV_PORT" "$NULL_DOMAIN" "$NULL_PORT" >"$SND/etc/transport"

  for d in "$RCV" "$SND"; do
    postfix -c "$d/etc" check 2>&1 | sed 's/^/  postfix check: /' >&2 || true
  done
}

start_instance() {
  postfix -c "$1/etc" start
  STARTED+=("$1/etc")
}

set_param() { # instance-dir param value
  postconf -c "$1/etc" -e "$2=$3"
  postfix -c "$1/etc" reload
}

# ---------------------------------------------------------------- main
install_packages
for p in $RCV_PORT $SND_PORT $NULL_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    die "127.0.0.1:$p is in use (a previous lab still running?)"
  fi
done

log "work dir $LAB_DIR (cleaned), output $OUT_DIR"
# safety: only ever remove our own work dir
case $LAB_DIR in /var/tmp/rejectscope-lab*|/tmp/rejectscope-lab*) ;; *) die "LAB_DIR must be under /var/tmp/rejectscope-lab or /tmp/rejectscope-lab";; esac
rm -rf "$LAB_DIR"
mkdir -p "$LAB_DIR"
: >"$EVENTS"
setup_instances

start_instance "$RCV"
start_instance "$SND"
sleep 2
event lab_start "receiver 450, sender fast retries"

inj_secs=$((P1_SECS + P2_SECS + P3_SECS + P4A_SECS + P4B_SECS))
$PY "$HERE/inject.py" --port "$SND_PORT" --domain "$RCV_DOMAIN" --known "${KNOWN_USERS// /,}" \
  --unknown-share "$UNKNOWN_SHARE" --multi-share "$MULTI_SHARE" --duration "$inj_secs" \
  --min "$INTERVAL_MIN" --max "$INTERVAL_MAX" --seed "$SEED" --tag main \
  --log "$LAB_DIR/injected.tsv" 2>>"$LAB_DIR/inject.err" &
PIDS+=($!)
event phase1_450_start "receiver unknown_local_recipient_reject_code = 450"
pause "$P1_SECS"

# Phase 2: the switch
event switch_command "postconf -e unknown_local_recipient_reject_code=550; postfix reload"
set_param "$RCV" unknown_local_recipient_reject_code 550
event switch_450_to_550 "reload done: receiver rejects unknown local users with 550"
pause "$P2_SECS"

# Phase 3: RFC 7504 null server
$PY "$HERE/nullserver.py" --listen 127.0.0.1 --port "$NULL_PORT" --host "$NULL_DOMAIN" \
  --enhanced "$NULL_ENHANCED" 2>>"$LAB_DIR/nullserver.err" &
NULL_PID=$!
PIDS+=($NULL_PID)
sleep 1
event null_phase_start "null server 127.0.0.1:$NULL_PORT answers 521; sender smtp_skip_5xx_greeting = yes (default)"
$PY "$HERE/inject.py" --port "$SND_PORT" --domain "$NULL_DOMAIN" --known "info,sales" \
  --unknown-share 0 --multi-share 0 --duration "$((P3_SECS - 5))" \
  --min "$NULL_INTERVAL_MIN" --max "$NULL_INTERVAL_MAX" --seed "$((SEED + 1))" --tag null \
  --log "$LAB_DIR/injected-null.tsv" 2>>"$LAB_DIR/inject.err" &
PIDS+=($!)
pause "$P3_SECS"
kill "$NULL_PID"; wait "$NULL_PID" 2>/dev/null || true
event null_phase_end "null server stopped: later retries get Connection refused"

# Phase 4a: soft_bounce on the receiver (its 550 rejects go out as 450)
set_param "$RCV" soft_bounce yes
event softbounce_receiver_start "receiver soft_bounce = yes"
pause "$P4A_SECS"
set_param "$RCV" soft_bounce no
event softbounce_receiver_end "receiver soft_bounce = no"

# Phase 4b: soft_bounce on the sender (it logs SOFTBOUNCE instead of bouncing)
set_param "$SND" soft_bounce yes
event softbounce_sender_start "sender soft_bounce = yes"
pause "$P4B_SECS"
set_param "$SND" soft_bounce no
event softbounce_sender_end "sender soft_bounce = no: its SOFTBOUNCE backlog bounces at the next retry"

event injection_end "injection stops (tail: retries only)"
pause "$TAIL_SECS"
event lab_end "instances stopped"

# stop everything now (the trap would too) so that the logs are complete
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
for d in "${STARTED[@]}"; do postfix -c "$d" stop || true; done
STARTED=()
sleep 2

# ---------------------------------------------------------------- outputs
mkdir -p "$OUT_DIR"
cp "$RCV/maillog" "$OUT_DIR/receiver.maillog"
cp "$SND/maillog" "$OUT_DIR/sender.maillog"
# combined, time-ordered like one shared syslog file (stable: ties keep file order)
awk 'BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " "); for (i in m) mon[m[i]] = i }
     { printf "%02d %s %s\t%s\n", mon[$1], $2, $3, $0 }' \
  "$OUT_DIR/receiver.maillog" "$OUT_DIR/sender.maillog" |
  sort -s -t $'\t' -k1,1 | cut -f2- >"$OUT_DIR/maillog"
touch -r "$OUT_DIR/sender.maillog" "$OUT_DIR/maillog"

# events.json from events.tsv
$PY - "$EVENTS" "$OUT_DIR/events.json" <<'EOF'
import json, sys
evs = []
for line in open(sys.argv[1]):
    name, utc, epoch, precise, note = line.rstrip("\n").split("\t")
    evs.append({"name": name, "utc": utc, "epoch": int(epoch),
                "epoch_precise": float(precise), "note": note})
doc = {"time_zone": "UTC",
       "log_time_note": "maillog lines carry UTC local time at one-second resolution, no year",
       "events": evs}
json.dump(doc, open(sys.argv[2], "w"), indent=2)
open(sys.argv[2], "a").write("\n")
EOF
cp "$LAB_DIR/injected.tsv" "$OUT_DIR/injected.tsv"
cat "$LAB_DIR/injected-null.tsv" >>"$OUT_DIR/injected.tsv" 2>/dev/null || true

"$HERE/ground-truth.sh" "$OUT_DIR" >"$OUT_DIR/ground-truth.json"
log "done: $(wc -l <"$OUT_DIR/maillog") lines in $OUT_DIR/maillog"
