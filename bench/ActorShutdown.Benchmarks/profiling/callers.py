"""Profiling helper for the shutdown benchmark. Record and convert a trace first:
  dotnet-trace collect --show-child-io --profile dotnet-sampled-thread-time -o t.nettrace -- \
    bench/ActorShutdown.Benchmarks/bin/Release/net10.0/ActorShutdown.Benchmarks one idle 100000 guardian cold
  dotnet-trace convert --format speedscope t.nettrace

callers.py file S [--cpu] [--from MS]: for time with a frame containing S on the stack, the 4 frames above its topmost occurrence."""
import json, sys, collections
d = json.load(open(sys.argv[1])); pat = sys.argv[2]; cpu = '--cpu' in sys.argv
t_from = float(sys.argv[sys.argv.index('--from') + 1]) if '--from' in sys.argv else -1e18
frames = [f['name'] for f in d['shared']['frames']]
c = collections.Counter()
for p in d['profiles']:
    stack = []; last = None
    for e in p['events']:
        if last is not None and stack and e['at'] > last and last >= t_from:
            names = [frames[i] for i in stack]
            if not cpu or names[-1] == 'CPU_TIME':
                idx = [i for i, n in enumerate(names) if pat in n]
                if idx:
                    i = idx[-1]
                    c[' <- '.join(n.split('!')[-1][:70] for n in names[max(0, i - 4):i + 1][::-1])] += e['at'] - last
        last = e['at']
        if e['type'] == 'O': stack.append(e['frame'])
        elif e['frame'] in stack:
            i = len(stack) - 1 - stack[::-1].index(e['frame']); del stack[i:]
for k, v in c.most_common(8): print(f'{v:8.0f}  {k}')
