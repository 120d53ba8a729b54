# What the bench scripts share: the build's kiosk, a scratch directory
# removed at the end, and the table's rows ("ROW\tmeasure\tvalue\ttarget\tmet?").
# Sourced by kiosk_bench.sh and listen_bench.sh after they set $build.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
kiosk="$build/app/asylum-kiosk"
command -v xvfb-run >/dev/null || { echo "$(basename "$0"): xvfb-run is needed" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rows="$work/rows"
: >"$rows"
row() { printf 'ROW\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$rows"; }

# Prints the rows as one table "measure | value | target | met?" and says
# when a target is missed.
print_table() {
  awk -F'\t' '
    { m[NR] = $2; v[NR] = $3; t[NR] = $4; k[NR] = $5
      if (length($2) > w1) w1 = length($2); if (length($3) > w2) w2 = length($3)
      if (length($4) > w3) w3 = length($4) }
    END {
      printf "%-*s | %-*s | %-*s | %s\n", w1, "measure", w2, "value", w3, "target", "met?"
      for (i = 1; i <= NR; i++) printf "%-*s | %-*s | %-*s | %s\n", w1, m[i], w2, v[i], w3, t[i], k[i]
    }' "$rows"
  if grep -q $'\tNO$' "$rows"; then echo "some targets are missed (NO above)"; fi
}
