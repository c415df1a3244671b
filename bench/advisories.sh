#!/usr/bin/env bash
# CSAF advisories, whole process:
#   1. `castellan advisories import` of all 2,035 CISA ICS advisories (48 MB) into a freshly migrated SQLite database,
#      against bench/CsafParse merely parsing the same files with System.Text.Json (the floor)      goal: <= 2x
#   2. `castellan vulns` on the 100,000-asset estate (bench/generate-estate.py) against every imported advisory:
#      the index build + matching time it reports (--timings)                                         goal: <= 1 s
# Usage: bench/advisories.sh [CASTELLAN_BINARY]   (bench/run calls it after publishing; needs ../shared/testdata
#        and hyperfine). Outputs go to bench/out (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
out="$root/bench/out"
mkdir -p "$out"
castellan="${1:-$out/castellan/castellan}"
csaf="$root/../shared/testdata/csaf/cisa-ot"
[ -d "$csaf" ] || { echo "bench/advisories.sh: needs $csaf (../shared/testdata)"; exit 1; }
command -v hyperfine >/dev/null || { echo "bench/advisories.sh: install hyperfine"; exit 1; }
if [ ! -x "$castellan" ]; then
  dotnet publish src/Castellan.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/castellan" >/dev/null
fi
dotnet publish bench/CsafParse -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/csafparse" >/dev/null

empty="$out/advisories-empty.db"
run="$out/advisories-run.db"
rm -f "$empty" "$empty-wal" "$empty-shm"
"$castellan" db migrate --db "$empty" >/dev/null
echo "bench/advisories.sh: $(find "$csaf" -name '*.json' | wc -l) CSAF files, $(du -sm "$csaf" | cut -f1) MB"
hyperfine --style basic --warmup 1 --runs 10 -i --export-json "$out/advisories-import.json" \
  --prepare "cp $empty $run; rm -f $run-wal $run-shm" \
  -n "castellan advisories import (2,035 CSAF files)" "$castellan advisories import $csaf --db $run" \
  -n "System.Text.Json parse only" "$out/csafparse/CsafParse $csaf"

# hyperfine's --prepare also ran before the parse-only runs: import once more for the matching below.
cp "$empty" "$run"; rm -f "$run-wal" "$run-shm"
"$castellan" advisories import "$csaf" --db "$run" | tail -1

estate="$out/estate.yaml"
[ -f "$estate" ] || python3 bench/generate-estate.py --sites 50 --zones 1000 --conduits 3000 --assets 100000 -o "$estate"
"$castellan" vulns "$estate" --timings --format json --db "$run" 2> "$out/vulns-timings.txt" > "$out/vulns.json" || true
hyperfine --style basic --warmup 1 --runs 3 -i --export-json "$out/vulns.json.hyperfine" \
  -n "castellan vulns (100,000 assets, all advisories)" "$castellan vulns $estate --format json --db $run"

python3 - "$out/advisories-import.json" "$out/vulns-timings.txt" "$out/vulns.json.hyperfine" "$out/vulns.json" <<'PY'
import json, re, sys
imp, parse = json.load(open(sys.argv[1]))["results"]
timings = open(sys.argv[2]).read()
whole = json.load(open(sys.argv[3]))["results"][0]
report = json.load(open(sys.argv[4]))
ratio = imp["mean"] / parse["mean"]
print()
cpu = (imp["user"] + imp["system"]) / (parse["user"] + parse["system"])
print(f"CSAF import {imp['mean']*1000:.0f} ms vs System.Text.Json parse only {parse['mean']*1000:.0f} ms: ratio {ratio:.2f}x (goal <= 2x): {'MET' if ratio <= 2 else 'NOT MET'}; "
      f"CPU time (user+sys) {(imp['user']+imp['system'])*1000:.0f} ms vs {(parse['user']+parse['system'])*1000:.0f} ms = {cpu:.2f}x; load average {open('/proc/loadavg').read().split()[0]}")
m = re.search(r"load (\d+) advisories (\d+) ms, index (\d+) products and match (\d+) assets (\d+) ms", timings)
if m:
    adv, load, products, assets, match = (int(g) for g in m.groups())
    print(f"matching {assets:,} assets x {products:,} products of {adv:,} advisories: {match} ms (goal <= 1000 ms): {'MET' if match <= 1000 else 'NOT MET'}; "
          f"loading the advisories {load} ms; whole vulns run {whole['mean']:.2f} s; "
          f"{len(report['assets']):,} affected assets, {sum(len(a['vulnerabilities']) for a in report['assets']):,} matches")
else:
    print("vulns: no timings line: " + timings.strip())
PY
