# bench/phones.sh - the phone server and evaluation store part of tools/bench
# (sourced by it, POSIX sh).  One live headless engine on the tiny scenario
# tests/data/check/ok (as tests/e2e/phones.sh drives it), with its phone
# server on 127.0.0.1 and its evaluation store in a real file on disk; keys
# through a FIFO, the transcript in a file.  Clients and reference servers
# run on the same machine and share its cores with the engine.
#   1. long-polls: bench/netclient.c parks 500 GET /api/state?v=<current>,
#      then writes the key that opens the vote (V) into the engine's FIFO
#      and times each connection from that write to its whole answer; a
#      second round when the vote is revealed (V again)
#   2. state polls (GET /api/state without v: answered at once) with wrk at
#      200 and 1000 connections, next to nginx (nginx-light, started here
#      with its own prefix and config, one worker per core) serving a file
#      with the same bytes as the state; rounds alternate the two
#   3. votes (POST /api/vote, JSON, tokens from a pool the server issued:
#      netclient join before wrk) with wrk at 200 and
#      1000 connections; answers counted by status (200 = queued for
#      counting; 429 = a rate limit; 503 = queue or phone table full)
#   4. a vote's 200 answer to its "phone vote" transcript line (the main
#      thread has counted it; the projector redraws right after): 200 votes,
#      one at a time 10 ms apart, each from a new phone (joined first for its
#      token, not timed; a new connection)
#   5. evaluations: 200 concurrent clients POST /api/eval with unique sids
#      and valid answers for the questionnaire in the state; only 200s
#      (answered after the commit) count; each submission on a new
#      connection (a phone submits once), and again with keep-alive clients
# Uses from tools/bench: ROOT BUILD ENGINE SIZE TMP QUICK CC BG_PIDS say
# verdict DATE COMMIT NPROC CPU_MODEL, and bench/stats.sh.  Leaves
# $TMP/phones_table.md, $TMP/phones_section.md, $TMP/eval_table.md,
# $TMP/eval_section.md and PHONES_NOTE.

if [ "$QUICK" = 1 ]; then
    P_ROUNDS=1; P_SECS=2; P_LP_ROUNDS=1; P_VOTES=50; P_EVAL_SECS=2
else
    P_ROUNDS=2; P_SECS=4; P_LP_ROUNDS=2; P_VOTES=200; P_EVAL_SECS=5
fi
P_LP_CONNS=500
P_EVAL_CLIENTS=200
P_THREADS=$NPROC
P_SCENE="$ROOT/tests/data/check/ok"
P_DIR="$TMP/phones"
mkdir -p "$P_DIR"

# 1000 client connections, 1000 server connections, nginx's too.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 4096 ]; then
    echo "tools/bench: open files limit $(ulimit -n) is too low for 1000 connections" >&2
    exit 1
fi

say "building the phone client (bench/netclient.c)"
NETCLIENT="$BUILD/bench/netclient"
$CC -O2 -Wall -Wextra -o "$NETCLIENT" "$ROOT/bench/netclient.c"

# kv KEY FILE: the value of KEY=value in the last line of FILE holding it.
kv() { awk -v k="$2" '{ for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) v = substr($i, length(k) + 2) } END { print v }' "$1"; }
# A free TCP port on 127.0.0.1 for nginx, from FIRST up: below the ephemeral
# range (the bench's own thousands of client connections take ports from it,
# and a listener cannot bind a port a connection still holds), and held by no
# socket in any state.
free_port() {
    p=$1
    while ss -Hatn "( sport = :$p )" 2>/dev/null | grep -q .; do p=$((p + 1)); done
    echo "$p"
}
EPHEMERAL_LO=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$EPHEMERAL_LO" -gt 12000 ] 2>/dev/null || EPHEMERAL_LO=32768
stop_pid() { # PID: TERM, wait up to 5 s, KILL
    kill "$1" 2>/dev/null || true
    w=0
    while kill -0 "$1" 2>/dev/null && [ "$w" -lt 50 ]; do sleep 0.1; w=$((w + 1)); done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    BG_PIDS=$(echo " $BG_PIDS " | sed "s/ $1 / /")
}

# ---- the engine ------------------------------------------------------------------
TR="$P_DIR/transcript.txt"
P_FIFO="$P_DIR/keys.fifo"
P_DB="$P_DIR/eval.sqlite"
mkfifo "$P_FIFO"
exec 4<>"$P_FIFO" # held read-write: the engine never sees EOF until we close it
# thousands of phones join from one machine in seconds: the bench-only switch
# raises the join limits (per room 20/s, burst 1000) that protect an event
SPECTACTOR_BENCH_JOIN_RATE=1000000 \
"$ENGINE" play --headless --size "$SIZE" --port 0 --db "$P_DB" --keys-from "$P_FIFO" \
    --transcript "$TR" "$P_SCENE" >/dev/null 2>"$P_DIR/engine.err" &
ENG_PID=$!
BG_PIDS="$BG_PIDS $ENG_PID"
wait_line() { # PATTERN SECONDS: 0 once a transcript line matches
    w=0
    while [ "$w" -lt $(($2 * 20)) ]; do
        grep -q "$1" "$TR" 2>/dev/null && return 0
        kill -0 "$ENG_PID" 2>/dev/null || break
        sleep 0.05; w=$((w + 1))
    done
    echo "tools/bench: no transcript line '$1' from the engine" >&2
    cat "$P_DIR/engine.err" >&2
    exit 1
}
wait_line '^phones port' 10
ENG_PORT=$(sed -n 's/^phones port \([0-9]*\) room.*/\1/p' "$TR")
ROOM=$(sed -n 's/^phones port [0-9]* room \([A-Z]*\)$/\1/p' "$TR")
EURL="http://127.0.0.1:$ENG_PORT"
state() { curl -s "$EURL/api/state?r=$ROOM"; }

# ---- 1. long-polls -------------------------------------------------------------------
echo "Right Right Right" >&4 # welcome, the line, the choice; the vote is not open yet
wait_line '^option 2' 10
sleep 0.3
: >"$P_DIR/lp.us"
say "phones 1. $P_LP_CONNS waiting long-polls answered after a state change ($P_LP_ROUNDS round(s))"
"$NETCLIENT" longpoll "$ENG_PORT" "$ROOM" "$P_LP_CONNS" "$P_FIFO" V >>"$P_DIR/lp.us" 2>"$P_DIR/lp1.log" ||
    { cat "$P_DIR/lp1.log" >&2; exit 1; }
wait_line '^vote open' 10
LP_LOG=$(cat "$P_DIR/lp1.log")
POLL=$(state | sed -n 's/.*"poll":{"id":\([0-9]*\).*/\1/p')
[ -n "$POLL" ] || { echo "tools/bench: no open poll in the state: $(state)" >&2; exit 1; }
sleep 0.3

# ---- 2. state polls next to nginx --------------------------------------------------------
state >"$P_DIR/state.json"
STATE_BYTES=$(wc -c <"$P_DIR/state.json")
NG="$P_DIR/nginx"
mkdir -p "$NG/www" "$NG/tmp"
cp "$P_DIR/state.json" "$NG/www/state.json"
# nginx's workers run as another user (www-data) when the bench runs as root.
chmod a+x "$TMP" "$P_DIR" "$NG" "$NG/www"
chmod a+r "$NG/www/state.json"
ng_conf() {
cat >"$NG/nginx.conf" <<EOF
worker_processes auto;
pid $NG/nginx.pid;
error_log $NG/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $NG/tmp;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=16 inactive=60s;
    open_file_cache_valid 60s;
    types { application/json json; }
    server {
        listen 127.0.0.1:$NG_PORT;
        root $NG/www;
        location / {
            add_header Cache-Control no-store;
            add_header X-Content-Type-Options nosniff;
            add_header Referrer-Policy no-referrer;
        }
        # the votes' reference: the same POST answered 200 with a fixed body
        location = /api/vote {
            default_type application/json;
            add_header Cache-Control no-store;
            add_header X-Content-Type-Options nosniff;
            add_header Referrer-Policy no-referrer;
            return 200 '{"ok":true,"poll":1,"option":1}';
        }
    }
}
EOF
}
# Up to five ports: one may be taken between the check and nginx's bind.
NG_PORT=$((10000 + $$ % (EPHEMERAL_LO - 11000)))
tries=0
while :; do
    rm -f "$NG/check.json"
    NG_PORT=$(free_port "$NG_PORT")
    ng_conf
    nginx -p "$NG" -e "$NG/error.log" -c "$NG/nginx.conf" -g 'daemon off;' 2>>"$NG/error.log" &
    NG_PID=$!
    BG_PIDS="$BG_PIDS $NG_PID"
    w=0
    until curl -sf -o "$NG/check.json" "http://127.0.0.1:$NG_PORT/state.json"; do
        w=$((w + 1))
        if [ "$w" -gt 50 ] || ! kill -0 "$NG_PID" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    [ -s "$NG/check.json" ] && break
    stop_pid "$NG_PID"
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then
        echo "tools/bench: nginx did not start" >&2; cat "$NG/error.log" >&2; exit 1
    fi
    NG_PORT=$((NG_PORT + 1))
done
cmp -s "$NG/check.json" "$P_DIR/state.json" || { echo "tools/bench: nginx serves other bytes" >&2; exit 1; }
NG_WORKERS=$(pgrep -P "$NG_PID" | wc -l)

wrk_run() { # OUT CONNS URL [ENV=...]: one wrk run, its WRK line appended to OUT
    out=$1 conns=$2 url=$3
    shift 3
    env "$@" wrk -t"$P_THREADS" -c"$conns" -d"${P_SECS}s" --timeout 10s -s "$ROOT/bench/wrk.lua" "$url" \
        >"$P_DIR/wrk.log" 2>&1 || true
    grep '^WRK ' "$P_DIR/wrk.log" >>"$out" ||
        { echo "tools/bench: wrk failed:" >&2; cat "$P_DIR/wrk.log" >&2; exit 1; }
}

say "phones 2. state polls, engine and nginx, 200 and 1000 connections ($P_ROUNDS x ${P_SECS} s each)"
for c in 200 1000; do
    : >"$P_DIR/st_eng_$c"; : >"$P_DIR/st_ngx_$c"
done
r=1
while [ "$r" -le "$P_ROUNDS" ]; do
    for c in 200 1000; do
        if [ $((r % 2)) = 1 ]; then
            wrk_run "$P_DIR/st_eng_$c" "$c" "$EURL/api/state?r=$ROOM"
            wrk_run "$P_DIR/st_ngx_$c" "$c" "http://127.0.0.1:$NG_PORT/state.json"
        else
            wrk_run "$P_DIR/st_ngx_$c" "$c" "http://127.0.0.1:$NG_PORT/state.json"
            wrk_run "$P_DIR/st_eng_$c" "$c" "$EURL/api/state?r=$ROOM"
        fi
    done
    r=$((r + 1))
done
# The long-polls' reference: nginx answering as many requests arriving at once.
say "phones 1. reference: nginx answering $P_LP_CONNS requests that arrive at once ($P_LP_ROUNDS round(s))"
: >"$P_DIR/lpref.us"
r=1
while [ "$r" -le "$P_LP_ROUNDS" ]; do
    "$NETCLIENT" burst "$NG_PORT" /state.json "$P_LP_CONNS" >>"$P_DIR/lpref.us" 2>"$P_DIR/lpref.log" ||
        { cat "$P_DIR/lpref.log" >&2; exit 1; }
    r=$((r + 1))
done
# med FILE KEY: the median over the rounds of KEY in FILE's WRK lines.
med() {
    awk -v k="$2" '{ for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2) }' "$1" \
        >"$P_DIR/med.tmp"
    bench_median "$P_DIR/med.tmp"
}
for c in 200 1000; do
    eval "ST_ENG_RPS_$c=\$(med \"\$P_DIR/st_eng_$c\" rps)"
    eval "ST_NGX_RPS_$c=\$(med \"\$P_DIR/st_ngx_$c\" rps)"
    eval "ST_ENG_P99_$c=\$(bench_calc \"\$(med \"\$P_DIR/st_eng_$c\" p99_us) / 1000\" %.2f)"
    eval "ST_NGX_P99_$c=\$(bench_calc \"\$(med \"\$P_DIR/st_ngx_$c\" p99_us) / 1000\" %.2f)"
    eval "ST_ENG_ERR_$c=\$(awk -F'errors=' '{ s += \$2 } END { print s + 0 }' \"\$P_DIR/st_eng_$c\")"
    eval "ST_PCT_$c=\$(bench_calc \"100 * \$ST_ENG_RPS_$c / \$ST_NGX_RPS_$c\" %.0f)"
done

# ---- 3. votes ------------------------------------------------------------------------------
say "phones 3. votes with wrk, 200 and 1000 connections (${P_SECS} s each)"
"$NETCLIENT" join "$ENG_PORT" "$ROOM" $((1500 * P_THREADS)) >"$P_DIR/tokens.txt" 2>"$P_DIR/join.log" ||
    { echo "tools/bench: phones could not join:" >&2; cat "$P_DIR/join.log" >&2; exit 1; }
for c in 200 1000; do
    : >"$P_DIR/vote_$c"
    wrk_run "$P_DIR/vote_$c" "$c" "$EURL/api/vote" BENCH_WRK_MODE=vote BENCH_ROOM="$ROOM" \
        BENCH_POLL="$POLL" BENCH_TOKENS=1500 BENCH_TOKEN_FILE="$P_DIR/tokens.txt"
    f="$P_DIR/vote_$c"
    secs=$(kv "$f" seconds)
    eval "VO_RPS_$c=\$(kv \"\$f\" rps)"
    eval "VO_OK_$c=\$(bench_calc \"\$(kv \"\$f\" s200) / $secs\" %.0f)"
    eval "VO_429_$c=\$(bench_calc \"\$(kv \"\$f\" s429) / $secs\" %.0f)"
    eval "VO_503_$c=\$(bench_calc \"(\$(kv \"\$f\" s503) + \$(kv \"\$f\" sother)) / $secs\" %.0f)"
    eval "VO_P99_$c=\$(bench_calc \"\$(kv \"\$f\" p99_us) / 1000\" %.2f)"
    # the reference: nginx answering the same POSTs 200 with a fixed body
    : >"$P_DIR/vote_ngx_$c"
    wrk_run "$P_DIR/vote_ngx_$c" "$c" "http://127.0.0.1:$NG_PORT/api/vote" BENCH_WRK_MODE=vote \
        BENCH_ROOM="$ROOM" BENCH_POLL="$POLL" BENCH_TOKENS=1500 BENCH_TOKEN_FILE="$P_DIR/tokens.txt"
    eval "VN_RPS_$c=\$(kv \"\$P_DIR/vote_ngx_$c\" rps)"
    eval "VN_P99_$c=\$(bench_calc \"\$(kv \"\$P_DIR/vote_ngx_$c\" p99_us) / 1000\" %.2f)"
    eval "VN_PCT_$c=\$(bench_calc \"100 * \$VO_RPS_$c / \$VN_RPS_$c\" %.0f)"
done
stop_pid "$NG_PID"
sleep 1 # let the main thread count what is queued

# ---- 4. vote answer to counted ------------------------------------------------------------------
say "phones 4. $P_VOTES votes, each from its 200 answer to the transcript's 'phone vote' line"
"$NETCLIENT" votelat "$ENG_PORT" "$ROOM" "$POLL" "$P_VOTES" "$TR" 10 >"$P_DIR/vl.us" 2>"$P_DIR/vl.log" ||
    { cat "$P_DIR/vl.log" >&2; exit 1; }
VL_N=$(bench_count "$P_DIR/vl.us")
VL_P50=$(bench_calc "$(bench_pct 50 "$P_DIR/vl.us") / 1000" %.2f)
VL_P99=$(bench_calc "$(bench_pct 99 "$P_DIR/vl.us") / 1000" %.2f)
VL_RTT_P50=$(bench_calc "$(bench_pct 50 "$P_DIR/vl.us" 2) / 1000" %.2f)
VL_RTT_P99=$(bench_calc "$(bench_pct 99 "$P_DIR/vl.us" 2) / 1000" %.2f)
VL_RATIO=$(bench_div "$VL_P50" "$VL_RTT_P50" %.2f)

# ---- 1, second round: the reveal closes the vote --------------------------------------------------
if [ "$P_LP_ROUNDS" -ge 2 ]; then
    echo "3 Return 0 Return" >&4 # three hands for option 1, none for option 2
    sleep 0.3
    "$NETCLIENT" longpoll "$ENG_PORT" "$ROOM" "$P_LP_CONNS" "$P_FIFO" V >>"$P_DIR/lp.us" 2>"$P_DIR/lp2.log" ||
        { cat "$P_DIR/lp2.log" >&2; exit 1; }
    LP_LOG="$LP_LOG; $(cat "$P_DIR/lp2.log")"
else
    echo "3 Return 0 Return V" >&4
fi
wait_line '^result' 10
LP_N=$(bench_count "$P_DIR/lp.us")
LP_P50=$(bench_calc "$(bench_pct 50 "$P_DIR/lp.us") / 1000" %.1f)
LP_P99=$(bench_calc "$(bench_pct 99 "$P_DIR/lp.us") / 1000" %.1f)
LP_MAX=$(bench_calc "$(bench_pct 100 "$P_DIR/lp.us") / 1000" %.1f)
LP_MIN=$(bench_calc "$(bench_pct 0 "$P_DIR/lp.us") / 1000" %.1f)
LP_REF_N=$(bench_count "$P_DIR/lpref.us")
LP_REF_P50=$(bench_calc "$(bench_pct 50 "$P_DIR/lpref.us") / 1000" %.1f)
LP_REF_P99=$(bench_calc "$(bench_pct 99 "$P_DIR/lpref.us") / 1000" %.1f)
LP_RATIO=$(bench_div "$LP_P99" "$LP_REF_P99" %.2f)

# ---- 5. evaluations -----------------------------------------------------------------------------
echo "Right Right Right Right E" >&4 # the branch, the line, the ending, the timeline
wait_line '^eval open' 10
sleep 0.3
# Valid answers for every question in the state (as tests/e2e/phones.sh builds them).
ANSWERS=""
for qk in $(state | grep -o '"id":"[a-z_]*","kind":"[a-z]*"' | sed 's/"id":"\([a-z_]*\)","kind":"\([a-z]*\)"/\1:\2/'); do
    q=${qk%%:*} k=${qk#*:}
    case $k in
    single) v=2 ;; yesno) v=true ;; multi) v="[1]" ;; text) v='"Godt event, tak"' ;; *) continue ;;
    esac
    ANSWERS="$ANSWERS${ANSWERS:+,}\"$q\":$v"
done
ANSWERS="{$ANSWERS}"
# The disk's own rate of synchronous writes, for scale (a commit needs at least one).
# Median of three runs of 300 writes each.
: >"$P_DIR/dsync.txt"
for _ in 1 2 3; do
    dd if=/dev/zero of="$P_DIR/dsync.bin" bs=4k count=300 oflag=dsync 2>&1 |
        awk '/copied/ { for (i = 1; i <= NF; i++) if ($i == "s,") print int(300 / $(i - 1)) }' \
        >>"$P_DIR/dsync.txt"
    rm -f "$P_DIR/dsync.bin"
done
DSYNC=$(bench_median "$P_DIR/dsync.txt")
[ -n "$DSYNC" ] || DSYNC="n/a"
eval_run() { # TAG [keepalive]
    saved0=$(grep -c '^eval answer saved$' "$TR" || true)
    "$NETCLIENT" eval "$ENG_PORT" "$ROOM" "$P_EVAL_CLIENTS" "$P_EVAL_SECS" "$ANSWERS" "$@" \
        >"$P_DIR/ev_$1.us" 2>"$P_DIR/ev_$1.log" || { cat "$P_DIR/ev_$1.log" >&2; exit 1; }
    sleep 0.5
    saved1=$(grep -c '^eval answer saved$' "$TR" || true)
    echo "saved=$((saved1 - saved0)) before=$saved0" >>"$P_DIR/ev_$1.log"
}
say "phones 5. evaluations: $P_EVAL_CLIENTS clients, ${P_EVAL_SECS} s, a new connection per submission"
eval_run benchnew
say "phones 5. evaluations: $P_EVAL_CLIENTS clients, ${P_EVAL_SECS} s, keep-alive"
eval_run benchka keepalive
for t in benchnew benchka; do
    f="$P_DIR/ev_$t.log"
    eval "EV_RATE_$t=\$(bench_calc \"\$(kv \"\$f\" rate)\" %.0f)"
    eval "EV_OK_$t=\$(kv \"\$f\" ok)"
    eval "EV_SAVED_$t=\$(kv \"\$f\" saved)"
    eval "EV_BEFORE_$t=\$(kv \"\$f\" before)"
    eval "EV_429_$t=\$(kv \"\$f\" s429)"
    eval "EV_BAD_$t=\$((\$(kv \"\$f\" s503) + \$(kv \"\$f\" other) + \$(kv \"\$f\" errors) + \$(kv \"\$f\" unfinished)))"
    eval "EV_P50_$t=\$(bench_calc \"\$(bench_pct 50 \"\$P_DIR/ev_$t.us\") / 1000\" %.1f)"
    eval "EV_P99_$t=\$(bench_calc \"\$(bench_pct 99 \"\$P_DIR/ev_$t.us\") / 1000\" %.1f)"
done
DB_MODE=$(stat -c %a "$P_DB")
EV_RATIO_benchnew=$(bench_div "$EV_RATE_benchnew" "$DSYNC" %.2f)
EV_RATIO_benchka=$(bench_div "$EV_RATE_benchka" "$DSYNC" %.2f)

exec 4>&- # end of keys: the engine exits
w=0
while kill -0 "$ENG_PID" 2>/dev/null && [ "$w" -lt 100 ]; do sleep 0.1; w=$((w + 1)); done
stop_pid "$ENG_PID"

# ---- tables --------------------------------------------------------------------------------------
ENG_PEAK="state $STATE_BYTES bytes; nginx $NG_WORKERS workers"
cat >"$TMP/phones_table.md" <<EOF
| Measure | Engine | nginx (reference) | Engine vs nginx | Target | |
| --- | ---: | ---: | ---: | --- | --- |
| State poll \`GET /api/state\`, 200 connections: requests/s | $ST_ENG_RPS_200 | $ST_NGX_RPS_200 | $ST_PCT_200 % | at least 50 % | $(verdict "$ST_PCT_200" ">=" 50) |
| State poll, 200 connections: p99 latency | $ST_ENG_P99_200 ms | $ST_NGX_P99_200 ms | | | |
| State poll \`GET /api/state\`, 1000 connections: requests/s | $ST_ENG_RPS_1000 | $ST_NGX_RPS_1000 | $ST_PCT_1000 % | at least 50 % | $(verdict "$ST_PCT_1000" ">=" 50) |
| State poll, 1000 connections: p99 latency | $ST_ENG_P99_1000 ms | $ST_NGX_P99_1000 ms | | | |
| Vote \`POST /api/vote\`, 200 connections: answers/s (p99); nginx answers the same POST with a fixed 200 | $VO_RPS_200 ($VO_P99_200 ms) | $VN_RPS_200 ($VN_P99_200 ms) | $VN_PCT_200 % | | |
| of which accepted (200) / rate-limited (429) / busy (503 and other) per s | $VO_OK_200 / $VO_429_200 / $VO_503_200 | | | | |
| Vote \`POST /api/vote\`, 1000 connections: answers/s (p99); nginx as above | $VO_RPS_1000 ($VO_P99_1000 ms) | $VN_RPS_1000 ($VN_P99_1000 ms) | $VN_PCT_1000 % | | |
| of which accepted (200) / rate-limited (429) / busy (503 and other) per s | $VO_OK_1000 / $VO_429_1000 / $VO_503_1000 | | | | |
| $P_LP_CONNS waiting long-polls, key to answer p50 / p99 ($LP_N answers); nginx: $P_LP_CONNS requests arriving at once ($LP_REF_N answers) | $LP_P50 / $LP_P99 ms | $LP_REF_P50 / $LP_REF_P99 ms | ${LP_RATIO}x (p99); engine min $LP_MIN, max $LP_MAX ms | p99 under 250 ms | $(verdict "$LP_P99" "<" 250) |
| Vote answered 200 to counted by the main thread p50 / p99 ($VL_N votes); reference: the vote's own round trip, connect to 200 (engine) | $VL_P50 / $VL_P99 ms | $VL_RTT_P50 / $VL_RTT_P99 ms | ${VL_RATIO}x (p50) | | |
EOF
cat >"$TMP/eval_table.md" <<EOF
| Measure | Engine | Reference: the disk's synchronous 4 KiB writes/s (\`dd oflag=dsync\`, median of 3) | Engine vs reference (submissions per synchronous write) | Target | |
| --- | ---: | ---: | ---: | --- | --- |
| Acknowledged submissions/s, $P_EVAL_CLIENTS clients, a new connection each (store holding $EV_BEFORE_benchnew before) | $EV_RATE_benchnew | $DSYNC | ${EV_RATIO_benchnew}x | at least 2,000/s | $(verdict "$EV_RATE_benchnew" ">=" 2000) |
| acknowledgement latency p50 / p99 | $EV_P50_benchnew / $EV_P99_benchnew ms | | | | |
| acknowledged / saved once each (transcript) / rate-limited (429) / refused or failed | $EV_OK_benchnew / $EV_SAVED_benchnew / $EV_429_benchnew / $EV_BAD_benchnew | | | | |
| Acknowledged submissions/s, $P_EVAL_CLIENTS keep-alive clients (store holding $EV_BEFORE_benchka before) | $EV_RATE_benchka | $DSYNC | ${EV_RATIO_benchka}x | | |
| acknowledgement latency p50 / p99 | $EV_P50_benchka / $EV_P99_benchka ms | | | | |
| acknowledged / saved once each (transcript) / rate-limited (429) / refused or failed | $EV_OK_benchka / $EV_SAVED_benchka / $EV_429_benchka / $EV_BAD_benchka | | | | |
EOF
PHONES_NOTE="Long-polls: $LP_LOG; reference: $(cat "$P_DIR/lpref.log"). Votes: $(cat "$P_DIR/vl.log"). Socket errors in the engine's state polls: $ST_ENG_ERR_200 (200 conns), $ST_ENG_ERR_1000 (1000 conns). $ENG_PEAK."

cat >"$TMP/phones_section.md" <<EOF
Measured on $DATE at commit \`$COMMIT\`: $NPROC cores, $CPU_MODEL, shared with other work (load
average at the start of the run $LOAD_BEFORE, at the end of this part $(loadavg)); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2),
$(nginx -v 2>&1 | sed 's/^nginx version: //'), $(pkg-config --modversion libmicrohttpd 2>/dev/null | sed 's/^/libmicrohttpd /').
Release build (\`build-bench\`), \`spectactor play --headless --size $SIZE\` on \`tests/data/check/ok\`, everything
on 127.0.0.1 and on the same $NPROC cores (wrk with $P_THREADS threads). State polls: $P_ROUNDS round(s) of
${P_SECS} s per server and connection count, order swapped each round, medians; the state
($STATE_BYTES bytes, an open vote) and nginx's file have the same bytes; nginx runs $NG_WORKERS workers.
Votes: ${P_SECS} s per connection count and server, $P_THREADS x 1500 tokens joined beforehand (the same
requests go to nginx, which answers each 200 with a fixed body). Long-polls: $P_LP_ROUNDS round(s) of
$P_LP_CONNS connections (the vote opening, then its reveal), next to nginx answering $P_LP_CONNS requests
written at once on open connections (\`netclient burst\`). Vote to count: $P_VOTES votes one
at a time, 10 ms apart, each from a new phone (joined first, not timed) on a new connection.

$(cat "$TMP/phones_table.md")
EOF
cat >"$TMP/eval_section.md" <<EOF
Measured on $DATE at commit \`$COMMIT\`: $NPROC cores, $CPU_MODEL, shared with other work (load
average at the start of the run $LOAD_BEFORE, at the end of this part $(loadavg)); $(pkg-config --modversion sqlite3 2>/dev/null | sed 's/^/SQLite /');
the same engine run as the phone figures, the store a file on the root file system (a rollback journal emptied after each commit,
\`synchronous=FULL\`, mode $DB_MODE). $P_EVAL_CLIENTS clients submit back to back for ${P_EVAL_SECS} s each way, every
submission with a unique sid and valid answers to \`scenes/questionnaire.lua\` (all six questions,
the comment included), each from a phone that joined just before (the join is not timed); a
submission counts only when answered 200, which the engine sends after the commit. A keep-alive
client's join and submission both count against its connection's limit (10 requests/s after a
burst of 30), so 200 keep-alive clients cannot pass 1,000 submissions/s for long: a 429 there is
that limit, not the store (a client answered 429 waits 100 ms before it joins again).

$(cat "$TMP/eval_table.md")
EOF
