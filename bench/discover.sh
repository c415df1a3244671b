#!/usr/bin/env bash
# Passive discovery, whole process, side by side on one ≥ 1 GB capture built from the real shared captures:
#   castellan discover X --format json   vs   tshark -r X -q -z conv,tcp   vs   tcpdump -nn -r X   vs   cat X (the floor)
#   every tool pinned to one core (taskset -c 0); castellan once more free to use every core (it reads a large classic
#   pcap in parts on every core, cut at record boundaries, and merges what the parts found)
# goals: >= 1 GB/s on one core, >= 20x tshark, within 3x of cat, max RSS <= 200 MB (/usr/bin/time -v);
# and the Zeek conn.log import: >= 1 M rows/s (2 M rows over 20,000 distinct connections), memory flat (<= 200 MB) on
# 2 M rows that are all distinct connections (past the conversation cap they are counted in stats.untracked).
# Usage: bench/discover.sh [CASTELLAN_BINARY]   (bench/run calls it after publishing; needs ../shared/testdata;
#        installs tshark, tcpdump and hyperfine when missing and run as root). Inputs go to bench/out (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
out="$root/bench/out"
mkdir -p "$out"
castellan="${1:-$out/castellan/castellan}"
pcaps="$root/../shared/testdata/pcap"
[ -d "$pcaps" ] || { echo "bench/discover.sh: needs $pcaps (../shared/testdata)"; exit 1; }

need() { command -v "$1" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; } || { echo "bench/discover.sh: install $2"; exit 1; }; }
need tshark tshark; need mergecap wireshark-common; need tcpdump tcpdump; need hyperfine hyperfine
[ -x /usr/bin/time ] || need time time
if [ ! -x "$castellan" ]; then
  dotnet publish src/Castellan.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/castellan" >/dev/null
fi

# 1. A >= 1 GB classic pcap: every Ethernet capture of the shared test data, merged once, then appended to itself.
big="$out/discover-1g.pcap"
if [ ! -f "$big" ] || [ "$(stat -c %s "$big")" -lt 1000000000 ]; then
  base="$out/discover-base.pcap"
  mapfile -t ethernet < <(for f in "$pcaps"/iti/*.pcap* "$pcaps"/icsnpp/*/*/traces/*.pcap*; do
    [ "$(capinfos -T -E "$f" 2>/dev/null | tail -1 | cut -f2)" = "ether" ] && echo "$f"; done)
  mergecap -F pcap -a -w "$base" "${ethernet[@]}"
  copies=$(( 1050000000 / $(stat -c %s "$base") + 1 ))
  mergecap -F pcap -a -w "$big" $(for _ in $(seq "$copies"); do echo "$base"; done)
fi
size=$(stat -c %s "$big")
echo "bench/discover.sh: input $big: $(( size / 1000000 )) MB, $(capinfos -c -M "$big" | awk -F': *' '/packets/ {print $2}') packets"

# 2. Two Zeek conn.logs of 2,000,000 rows: the real baseline rows with shifted addresses and ports, once all distinct
#    connections (the worst case for memory), once over 20,000 distinct connections (a long log of one plant).
conn="$out/zeek-bench/conn.log"
conn20k="$out/zeek-bench-20k/conn.log"
if [ ! -f "$conn" ] || [ ! -f "$conn20k" ]; then
  mkdir -p "$out/zeek-bench" "$out/zeek-bench-20k"
  python3 - "$pcaps/icsnpp" "$conn" "$conn20k" <<'PY'
import sys, glob
rows, header = [], None
for path in sorted(glob.glob(sys.argv[1] + "/*/*/baseline/*/conn.log")):
    for line in open(path):
        if line.startswith("#fields") and header is None:
            header = line
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        f[0] = "1700000000.000000"
        rows.append(f)
for target, distinct in ((sys.argv[2], 2_000_000), (sys.argv[3], 20_000)):
    with open(target, "w") as out:
        out.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n" + header)
        for i in range(2_000_000):
            f = list(rows[i % len(rows)])
            j = i % distinct
            f[2] = f"10.{(j >> 16) & 255}.{(j >> 8) & 255}.{j & 255}"
            f[3] = str(1024 + j % 60000)
            out.write("\t".join(f) + "\n")
PY
fi

echo "bench/discover.sh: machine: $(nproc) cores, $(uname -r); $(tshark -v | head -1); tcpdump $(tcpdump --version 2>&1 | head -1 | awk '{print $3}')"
cat "$big" > /dev/null   # warm the page cache: every tool reads from memory
# The sub-second runs ten times each (on a shared machine one slow run moves a mean of five by several percent); the
# peers that take tens of seconds fewer times.
hyperfine --style basic --warmup 1 --runs 10 --export-json "$out/discover.json" \
  -n "castellan discover" "taskset -c 0 $castellan discover $big --format json > /dev/null" \
  -n "cat (floor)" "taskset -c 0 cat $big > /dev/null" \
  -n "castellan discover (all cores)" "$castellan discover $big --format json > /dev/null"
hyperfine --style basic --runs 3 --export-json "$out/discover-tcpdump.json" \
  -n "tcpdump -nn -r" "taskset -c 0 tcpdump -nn -r $big > /dev/null 2>&1"
hyperfine --style basic --runs 1 --export-json "$out/discover-tshark.json" \
  -n "tshark -q -z conv,tcp" "taskset -c 0 tshark -r $big -q -z conv,tcp > /dev/null 2>&1"
hyperfine --style basic --warmup 1 --runs 5 --export-json "$out/discover-zeek.json" \
  -n "castellan discover conn.log (2 M rows, 20,000 connections)" "taskset -c 0 $castellan discover $conn20k --format json > /dev/null" \
  -n "castellan discover conn.log (2 M rows, all distinct)" "taskset -c 0 $castellan discover $conn --format json > /dev/null"
/usr/bin/time -v "$castellan" discover "$big" --format json 2> "$out/discover-time.txt" > /dev/null
/usr/bin/time -v "$castellan" discover "$conn" --format json 2> "$out/discover-zeek-time.txt" > /dev/null

python3 - "$out" "$size" <<'PY'
import json, os, sys, re
out, size = sys.argv[1], int(sys.argv[2])
cast, cat, free = json.load(open(f"{out}/discover.json"))["results"]
tcpdump = json.load(open(f"{out}/discover-tcpdump.json"))["results"][0]
tshark = json.load(open(f"{out}/discover-tshark.json"))["results"][0]
zeek, distinct = json.load(open(f"{out}/discover-zeek.json"))["results"]
maxrss = lambda f: int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{out}/{f}").read()).group(1)) / 1024
rss, zeek_rss = maxrss("discover-time.txt"), maxrss("discover-zeek-time.txt")
gbs = lambda r: size / r["mean"] / 1e9
print()
for r in (cast, tshark, tcpdump, cat):
    print(f"{r['command']:<24} {r['mean']:8.2f} s  {gbs(r):6.2f} GB/s")
ok = lambda b: "MET" if b else "NOT MET"
print(f"castellan discover: {gbs(cast):.2f} GB/s on one core (goal >= 1 GB/s): {ok(gbs(cast) >= 1)}")
print(f"  vs tshark conv,tcp: {tshark['mean'] / cast['mean']:.1f}x faster (goal >= 20x): {ok(tshark['mean'] / cast['mean'] >= 20)}")
print(f"  vs tcpdump -nn: {tcpdump['mean'] / cast['mean']:.1f}x faster")
print(f"  vs cat (floor): {cast['mean'] / cat['mean']:.1f}x the floor on one core (goal <= 3x): {ok(cast['mean'] / cat['mean'] <= 3)}")
print(f"  vs cat (floor), castellan free to use the machine's {os.cpu_count()} cores (the file read in parts on every core): "
      f"{free['mean']:.2f} s, {free['mean'] / cat['mean']:.1f}x the floor (goal <= 3x): {ok(free['mean'] / cat['mean'] <= 3)}")
print(f"  max RSS {rss:.0f} MB (goal <= 200 MB): {ok(rss <= 200)}")
print(f"Zeek conn.log import: {2_000_000 / zeek['mean'] / 1e6:.2f} M rows/s ({zeek['mean']:.2f} s for 2 M rows over 20,000 connections, start-up included; goal >= 1 M rows/s): {ok(2_000_000 / zeek['mean'] >= 1e6)}")
print(f"  2 M distinct connections: {distinct['mean']:.2f} s ({2_000_000 / distinct['mean'] / 1e6:.2f} M rows/s), max RSS {zeek_rss:.0f} MB (goal <= 200 MB): {ok(zeek_rss <= 200)}")
PY
