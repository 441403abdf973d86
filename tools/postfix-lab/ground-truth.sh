#!/usr/bin/env bash
# Independent ground truth for the Rejectscope Postfix lab sample.
# Counts with grep, awk (POSIX/mawk), sort and uniq only — never with the
# project's own code. Usage: ground-truth.sh [SAMPLE_DIR] > ground-truth.json
# SAMPLE_DIR holds receiver.maillog, sender.maillog and events.json
# (default: resources/samples/lab of the project).
set -euo pipefail
export LC_ALL=C
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
D=${1:-$HERE/../../resources/samples/lab}
R=$D/receiver.maillog
S=$D/sender.maillog
E=$D/events.json
for f in "$R" "$S" "$E"; do [[ -r $f ]] || { echo "missing $f" >&2; exit 1; }; done

# ---- helpers --------------------------------------------------------------
# Sortable key of a maillog line: "MM DD HH:MM:SS" (month number, zero-padded day).
# (A sample that crosses New Year would need the year; this one does not.)
KEYAWK='BEGIN { split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " "); for (i in m) mon[m[i]] = sprintf("%02d", i) }
        function key() { return mon[$1] " " $2 " " $3 }'
# event NAME -> "MM DD HH:MM:SS" (from events.json, which json.dump writes one key per line)
ev_utc() { awk -v n="\"$1\"" '$1 == "\"name\":" { hit = ($2 == n"," || $2 == n) } hit && $1 == "\"utc\":" { gsub(/[",]/, "", $2); print $2; exit }' "$E"; }
utc_key() { local u=$1; echo "${u:5:2} ${u:8:2} ${u:11:8}"; }
ev_key() { utc_key "$(ev_utc "$1")"; }

# receiver RCPT rejects, one per line: "KEY<TAB>CODE<TAB>QID<TAB>client<TAB>from<TAB>to"
rejects() {
  grep -E ' postfix-in/smtpd\[[0-9]+\]: [0-9A-Z]+: reject: RCPT from ' "$R" |
  awk "$KEYAWK"'
  { match($0, /RCPT from [^ ]*: [0-9][0-9][0-9] /); code = substr($0, RSTART + RLENGTH - 4, 3)
    match($0, /RCPT from [^ ]*\[[^]]*\]/); c = substr($0, RSTART, RLENGTH); sub(/.*\[/, "", c); sub(/\]$/, "", c)
    match($0, / from=<[^>]*>/); f = tolower(substr($0, RSTART + 7, RLENGTH - 8))
    match($0, / to=<[^>]*>/); t = tolower(substr($0, RSTART + 5, RLENGTH - 6))
    q = $6; sub(/:$/, "", q)
    print key() "\t" code "\t" q "\t" c "\t" f "\t" t }'
}
# sender delivery lines: "KEY<TAB>STATUS<TAB>QID<TAB>service<TAB>rest"
deliveries() {
  grep -E ' postfix-out/[a-z]+\[[0-9]+\]: [0-9A-F]+: to=<.*, status=' "$S" |
  awk "$KEYAWK"'
  { match($0, / status=[A-Za-z]+/); st = substr($0, RSTART + 8, RLENGTH - 8)
    q = $6; sub(/:$/, "", q); sv = $5; sub(/\[.*/, "", sv)
    print key() "\t" st "\t" q "\t" sv "\t" $0 }'
}
count_in() { # from-key to-key (half-open [from, to)); stdin lines start with a key
  awk -F'\t' -v a="$1" -v b="$2" '$1 >= a && $1 < b' | wc -l | tr -d ' '
}

TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
rejects >"$TMP/rej"
deliveries >"$TMP/del"

# ---- receiver -------------------------------------------------------------
rej_total=$(wc -l <"$TMP/rej" | tr -d ' ')
rej_450=$(awk -F'\t' '$2 == "450"' "$TMP/rej" | wc -l | tr -d ' ')
rej_550=$(awk -F'\t' '$2 == "550"' "$TMP/rej" | wc -l | tr -d ' ')
rej_noqueue=$(awk -F'\t' '$3 == "NOQUEUE"' "$TMP/rej" | wc -l | tr -d ' ')
rej_qid=$((rej_total - rej_noqueue))
keys_all=$(cut -f4-6 "$TMP/rej" | sort -u | wc -l | tr -d ' ')
keys_450=$(awk -F'\t' '$2 == "450"' "$TMP/rej" | cut -f4-6 | sort -u | wc -l | tr -d ' ')
keys_550=$(awk -F'\t' '$2 == "550"' "$TMP/rej" | cut -f4-6 | sort -u | wc -l | tr -d ' ')
rcv_accepted=$(grep -cE ' postfix-in/discard\[[0-9]+\]: [0-9A-F]+: to=<.*status=sent ' "$R" || true)

# the switch as the receiver logged it: its first "reload" line
sw_line=$(grep -m1 -E ' postfix-in/master\[[0-9]+\]: reload ' "$R")
sw_key=$(echo "$sw_line" | awk "$KEYAWK"'{ print key() }')
pre() { awk -F'\t' -v k="$sw_key" -v c="$1" '$2 == c && $1 <  k' "$TMP/rej" | wc -l | tr -d ' '; }
at()  { awk -F'\t' -v k="$sw_key" -v c="$1" '$2 == c && $1 == k' "$TMP/rej" | wc -l | tr -d ' '; }
post(){ awk -F'\t' -v k="$sw_key" -v c="$1" '$2 == c && $1 >  k' "$TMP/rej" | wc -l | tr -d ' '; }

# ---- sender ---------------------------------------------------------------
st() { awk -F'\t' -v s="$1" '$2 == s' "$TMP/del" | wc -l | tr -d ' '; }
d_total=$(st deferred); b_total=$(st bounced); s_total=$(st sent); sb_total=$(st SOFTBOUNCE); x_total=$(st expired)
s_receiver=$(awk -F'\t' '$2 == "sent" && $4 == "postfix-out/smtp" && /relay=127\.0\.0\.1\[127\.0\.0\.1\]:2525,/' "$TMP/del" | wc -l | tr -d ' ')
s_ndr=$(awk -F'\t' '$2 == "sent" && $4 == "postfix-out/discard"' "$TMP/del" | wc -l | tr -d ' ')
d_450=$(grep -c 'status=deferred (host 127.0.0.1\[127.0.0.1\] said: 450 ' "$S" || true)
d_521=$(grep -c 'status=deferred (host 127.0.0.1\[127.0.0.1\] refused to talk to me: 521 ' "$S" || true)
d_521_susp=$(grep -c 'status=deferred (delivery temporarily suspended: host 127.0.0.1\[127.0.0.1\] refused to talk to me: 521 ' "$S" || true)
d_refused=$(grep -c 'status=deferred (connect to 127.0.0.1\[127.0.0.1\]:2527: Connection refused)' "$S" || true)
d_suspended=$(grep -c 'status=deferred (delivery temporarily suspended: ' "$S" || true)
b_550=$(grep -c 'status=bounced (host 127.0.0.1\[127.0.0.1\] said: 550 ' "$S" || true)
sb_550=$(grep -c 'status=SOFTBOUNCE (host 127.0.0.1\[127.0.0.1\] said: 550 ' "$S" || true)
injected=$(grep -cE ' postfix-out/smtpd\[[0-9]+\]: [0-9A-F]+: client=' "$S" || true)
ndr=$(grep -c ': sender non-delivery notification: ' "$S" || true)
d_qids=$(awk -F'\t' '$2 == "deferred"' "$TMP/del" | cut -f3 | sort -u | wc -l | tr -d ' ')

# ---- retry gaps: seconds between successive 450 deferrals of one queue id ----
awk -F'\t' '$2 == "deferred" && $5 ~ /said: 450 /' "$TMP/del" |
awk -F'\t' '{ split($1, k, " "); split(k[3], t, ":"); s = k[2] * 86400 + t[1] * 3600 + t[2] * 60 + t[3]
              n[$3]++; if (n[$3] > 1) print (n[$3] - 1 < 3 ? n[$3] - 1 : 3) "\t" s - last[$3]; last[$3] = s }' >"$TMP/gaps"
gapstat() { # ordinal -> {"n":..,"min":..,"median":..,"max":..}
  awk -F'\t' -v o="$1" '$1 == o { print $2 }' "$TMP/gaps" | sort -n |
  awk '{ v[NR] = $1 } END { if (NR == 0) { printf "{\"n\": 0}"; exit }
        printf "{\"n\": %d, \"min\": %d, \"median\": %d, \"max\": %d}", NR, v[1], v[int((NR + 1) / 2)], v[NR] }'
}

# ---- per phase ------------------------------------------------------------
PHASES="phase1_450:phase1_450_start:switch_450_to_550 phase2_550:switch_450_to_550:null_phase_start phase3_null_server:null_phase_start:null_phase_end phase3b_gap:null_phase_end:softbounce_receiver_start phase4a_softbounce_receiver:softbounce_receiver_start:softbounce_receiver_end phase4b_gap:softbounce_receiver_end:softbounce_sender_start phase4b_softbounce_sender:softbounce_sender_start:softbounce_sender_end phase5_tail:softbounce_sender_end:lab_end"
phase_json() {
  local first=1 spec name a b ka kb
  for spec in $PHASES; do
    IFS=: read -r name a b <<<"$spec"
    ka=$(ev_key "$a"); kb=$(ev_key "$b")
    [[ $name == phase5_tail ]] && kb="99 99 99:99:99"   # up to the end of the log
    ((first)) || printf ',\n'; first=0
    printf '    "%s": {"from": "%s", "to": "%s", "receiver_reject_450": %s, "receiver_reject_550": %s, "sender_deferred": %s, "sender_deferred_450": %s, "sender_deferred_521_any": %s, "sender_bounced": %s, "sender_softbounce": %s, "sender_sent_to_receiver": %s}' \
      "$name" "$(ev_utc "$a")" "$( [[ $name == phase5_tail ]] && echo end-of-log || ev_utc "$b")" \
      "$(awk -F'\t' '$2 == "450"' "$TMP/rej" | count_in "$ka" "$kb")" \
      "$(awk -F'\t' '$2 == "550"' "$TMP/rej" | count_in "$ka" "$kb")" \
      "$(awk -F'\t' '$2 == "deferred"' "$TMP/del" | count_in "$ka" "$kb")" \
      "$(awk -F'\t' '$2 == "deferred" && $5 ~ /said: 450 /' "$TMP/del" | count_in "$ka" "$kb")" \
      "$(awk -F'\t' '$2 == "deferred" && $5 ~ /refused to talk to me: 521 /' "$TMP/del" | count_in "$ka" "$kb")" \
      "$(awk -F'\t' '$2 == "bounced"' "$TMP/del" | count_in "$ka" "$kb")" \
      "$(awk -F'\t' '$2 == "SOFTBOUNCE"' "$TMP/del" | count_in "$ka" "$kb")" \
      "$(awk -F'\t' '$2 == "sent" && $4 == "postfix-out/smtp" && /:2525,/' "$TMP/del" | count_in "$ka" "$kb")"
  done
  printf '\n'
}

lines_r=$(wc -l <"$R" | tr -d ' '); lines_s=$(wc -l <"$S" | tr -d ' ')
cat <<EOF
{
  "generated_by": "tools/postfix-lab/ground-truth.sh (grep/awk/sort/uniq only)",
  "time_zone": "UTC (the lab ran with TZ=UTC; maillog times have one-second resolution, no year)",
  "lines": {"receiver.maillog": $lines_r, "sender.maillog": $lines_s, "maillog": $((lines_r + lines_s))},
  "switch": {"event": "$(ev_utc switch_450_to_550)", "receiver_reload_line_time": "$(echo "$sw_line" | cut -c1-15)"},
  "receiver": {
    "reject_rcpt_total": $rej_total,
    "reject_rcpt_450": $rej_450,
    "reject_rcpt_550": $rej_550,
    "reject_rcpt_noqueue": $rej_noqueue,
    "reject_rcpt_with_queue_id": $rej_qid,
    "reject_450_before_switch_second": $(pre 450),
    "reject_450_in_switch_second": $(at 450),
    "reject_450_after_switch_second": $(post 450),
    "reject_550_before_switch_second": $(pre 550),
    "reject_550_in_switch_second": $(at 550),
    "reject_550_after_switch_second": $(post 550),
    "distinct_keys_client_sender_recipient": $keys_all,
    "distinct_keys_450": $keys_450,
    "distinct_keys_550": $keys_550,
    "accepted_deliveries_discard_sent": $rcv_accepted
  },
  "sender": {
    "messages_injected_smtpd_client_lines": $injected,
    "status_deferred": $d_total,
    "status_bounced": $b_total,
    "status_sent": $s_total,
    "status_sent_to_receiver": $s_receiver,
    "status_sent_ndr_to_local_senders": $s_ndr,
    "status_SOFTBOUNCE": $sb_total,
    "status_expired": $x_total,
    "deferred_450_from_receiver": $d_450,
    "deferred_521_null_server": $d_521,
    "deferred_521_delivery_temporarily_suspended": $d_521_susp,
    "deferred_521_any": $((d_521 + d_521_susp)),
    "deferred_connection_refused_2527": $d_refused,
    "deferred_delivery_temporarily_suspended_any_reason": $d_suspended,
    "bounced_550_from_receiver": $b_550,
    "softbounce_550_from_receiver": $sb_550,
    "distinct_deferred_queue_ids": $d_qids,
    "sender_non_delivery_notifications": $ndr
  },
  "retry_gaps_seconds_450_deferrals_same_queue_id": {
    "first_retry": $(gapstat 1),
    "second_retry": $(gapstat 2),
    "later_retries": $(gapstat 3)
  },
  "phases": {
$(phase_json)
  }
}
EOF
