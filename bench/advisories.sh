#!/usr/bin/env bash
# CSAF advisories, whole process:
#   1. `castellan advisories import` of all 2,035 CISA ICS advisories (48 MB) into a freshly migrated SQLite database,
#      against bench/CsafParse merely parsing the same files with System.Text.Json (the floor), alternating, 15 pairs:
#      the ratio of the median times                                                                 goal: <= 2x
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
# Import and floor alternate, pair by pair (one warm-up pair first): this host's load drifts by more than the
# difference measured, and two back-to-back batches (hyperfine's order) put the drift into the ratio. The ratio is of
# the medians; the mean and the pairs' spread are printed beside it.
python3 - "$castellan" "$out/csafparse/CsafParse" "$csaf" "$empty" "$run" "$out/advisories-import.json" <<'PY'
import json, os, shutil, subprocess, sys, time
castellan, floor, csaf, empty, run, export = sys.argv[1:]
def once(command, prepare=None):
    if prepare: prepare()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: the import refused a file (counted in its output)
        sys.exit(f"bench/advisories.sh: {' '.join(command)} failed ({os.waitstatus_to_exitcode(status)})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime
def fresh():
    shutil.copy(empty, run)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(run + suffix): os.remove(run + suffix)
imports, floors = [], []
for pair in range(16):
    i = once([castellan, "advisories", "import", csaf, "--db", run], fresh)
    f = once([floor, csaf])
    if pair > 0: imports.append(i); floors.append(f)
json.dump({"import": imports, "floor": floors}, open(export, "w"))
PY

# The runs above ended with an import of every file: the matching below reads it.
estate="$out/estate.yaml"
[ -f "$estate" ] || python3 bench/generate-estate.py --sites 50 --zones 1000 --conduits 3000 --assets 100000 -o "$estate"
"$castellan" vulns "$estate" --timings --format json --db "$run" 2> "$out/vulns-timings.txt" > "$out/vulns.json" || true
hyperfine --style basic --warmup 1 --runs 3 -i --export-json "$out/vulns.json.hyperfine" \
  -n "castellan vulns (100,000 assets, all advisories)" "$castellan vulns $estate --format json --db $run"

python3 - "$out/advisories-import.json" "$out/vulns-timings.txt" "$out/vulns.json.hyperfine" "$out/vulns.json" <<'PY'
import json, re, statistics, sys
runs = json.load(open(sys.argv[1]))
timings = open(sys.argv[2]).read()
whole = json.load(open(sys.argv[3]))["results"][0]
report = json.load(open(sys.argv[4]))
imp = statistics.median(w for w, _ in runs["import"]); floor = statistics.median(w for w, _ in runs["floor"])
cpu_imp = statistics.median(c for _, c in runs["import"]); cpu_floor = statistics.median(c for _, c in runs["floor"])
pairs = sorted(i[0] / f[0] for i, f in zip(runs["import"], runs["floor"]))
mean = statistics.mean(w for w, _ in runs["import"]) / statistics.mean(w for w, _ in runs["floor"])
ratio = imp / floor
print()
print(f"CSAF import {imp*1000:.0f} ms vs System.Text.Json parse only {floor*1000:.0f} ms (medians of {len(pairs)} alternating pairs): ratio {ratio:.2f}x (goal <= 2x): {'MET' if ratio <= 2 else 'NOT MET'}; "
      f"ratio of the means {mean:.2f}x, pairs {pairs[len(pairs)//4]:.2f}x to {pairs[(3*len(pairs))//4]:.2f}x (middle half); "
      f"CPU time (user+sys) {cpu_imp*1000:.0f} ms vs {cpu_floor*1000:.0f} ms = {cpu_imp/cpu_floor:.2f}x; load average {open('/proc/loadavg').read().split()[0]}")
m = re.search(r"load (\d+) advisories (\d+) ms, index (\d+) products and match (\d+) assets (\d+) ms", timings)
if m:
    adv, load, products, assets, match = (int(g) for g in m.groups())
    print(f"matching {assets:,} assets x {products:,} products of {adv:,} advisories: {match} ms (goal <= 1000 ms): {'MET' if match <= 1000 else 'NOT MET'}; "
          f"loading the advisories {load} ms; whole vulns run {whole['mean']:.2f} s; "
          f"{len(report['assets']):,} affected assets, {sum(len(a['vulnerabilities']) for a in report['assets']):,} matches")
else:
    print("vulns: no timings line: " + timings.strip())
PY
