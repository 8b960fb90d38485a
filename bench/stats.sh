# bench/stats.sh - small statistics helpers for tools/bench (sourced, POSIX sh).

# bench_pct Q FILE [COL]: nearest-rank percentile Q (0..100) of the numbers in
# column COL (default 1) of FILE; prints nothing for an empty file.
bench_pct() {
    awk -v c="${3:-1}" '$c != "" && $c >= 0 { print $c }' "$2" | sort -g |
        awk -v q="$1" '{ v[NR] = $1 } END {
            if (NR == 0) exit
            r = int(q / 100 * NR); if (r < q / 100 * NR) r++; if (r < 1) r = 1
            print v[r] }'
}

# bench_median FILE [COL]
bench_median() { bench_pct 50 "$1" "${2:-1}"; }

# bench_count FILE: number of non-empty lines.
bench_count() { awk 'NF { n++ } END { print n + 0 }' "$1"; }

# bench_div A B [FMT]: A / B printed with FMT (default %.2f); "n/a" if B is 0 or missing.
bench_div() {
    awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN {
        if (a == "" || b == "" || b + 0 == 0) { print "n/a"; exit }
        printf f "\n", a / b }'
}

# bench_calc EXPR [FMT]: evaluates an awk arithmetic expression.
bench_calc() { awk "BEGIN { printf \"${2:-%.2f}\\n\", $1 }"; }
