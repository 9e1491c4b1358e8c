"""Reads lines '<label> RESULT <json>' (ab.sh) and prints, per label, the medians of time, CPU and peak RSS."""
import collections, json, sys

runs = collections.defaultdict(list)
for line in sys.stdin:
    label, _, result = line.partition(" RESULT ")
    if result.strip():
        runs[label].append(json.loads(result))
for label, ms in runs.items():
    def median(field):
        return sorted(m[field] for m in ms)[len(ms) // 2]
    print("%-7s %8.1f ms  CPU %7.0f ms  RSS %6.1f MB  unclean %d  (runs: %s)" % (
        label, median("Ms"), median("CpuMs"), median("PeakRssMb"), sum(m["Unclean"] for m in ms), [round(m["Ms"], 1) for m in ms]))
