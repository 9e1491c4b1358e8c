"""Profiling helper for the shutdown benchmark. Record and convert a trace first:
  dotnet-trace collect --show-child-io --profile dotnet-sampled-thread-time -o t.nettrace -- \
    bench/ActorShutdown.Benchmarks/bin/Release/net10.0/ActorShutdown.Benchmarks one idle 100000 guardian cold
  dotnet-trace convert --format speedscope t.nettrace

Reads a speedscope JSON (dotnet-trace convert --format speedscope) and prints the hottest frames.

usage: hot.py file.speedscope.json [--cpu] [--thread S] [--match S] [--exclude-idle] [--from MS] [--to MS] [--top N] [--first S]
  inclusive: time with the frame anywhere on the stack; self: time with it on top.
  --cpu: only samples running managed code (CPU_TIME). --match S: only time whose stack has a frame containing S; --exclude-idle: drop time whose top frames wait/sleep.
  --first S: print when a frame containing S is first/last on a stack (to find a window).
"""
import json, sys, collections
args = sys.argv[1:]
path = args[0]
def opt(name, default=None):
    return args[args.index(name) + 1] if name in args else default
thread, match, top = opt('--thread'), opt('--match'), int(opt('--top', '40'))
t_from, t_to = float(opt('--from', '-1e18')), float(opt('--to', '1e18'))
first = opt('--first'); idle_out = '--exclude-idle' in args; cpu_only = '--cpu' in args
d = json.load(open(path))
frames = [f['name'] for f in d['shared']['frames']]
IDLE = ('WaitOne', 'Wait(', 'WaitCore', 'Sleep', 'LowLevelLifoSemaphore', 'WaitForSignal', 'epoll', 'Monitor.Wait', 'WaitHandle', 'SpinWait', 'PortableThreadPool+GateThread', 'Semaphore', 'ReadCore', 'Read(', 'WaitAny', 'WaitAll', 'Thread.Join', 'SleepEx')
incl = collections.Counter(); self_ = collections.Counter(); total = 0.0
per_thread = collections.Counter(); seen = {}
def add(tname, stack, w, at):
    global total
    if w <= 0 or at < t_from or at > t_to: return
    names = [frames[i] for i in stack]
    if first:
        if any(first in n for n in names):
            lo, hi = seen.get(tname, (at, at)); seen[tname] = (min(lo, at), max(hi, at + w))
    kind = names[-1] if names and names[-1] in ('CPU_TIME', 'UNMANAGED_CODE_TIME') else None
    if kind: names = names[:-1]
    if cpu_only and kind != 'CPU_TIME': return
    if match and not any(match in n for n in names): return
    if idle_out and names and any(k in ' '.join(names[-3:]) for k in IDLE): return
    total += w; per_thread[tname] += w
    for n in set(names): incl[n] += w
    if names: self_[names[-1]] += w
for p in d['profiles']:
    if thread and thread not in p['name']: continue
    if p['type'] == 'sampled':
        at = p.get('startValue', 0)
        for stack, w in zip(p['samples'], p['weights']): add(p['name'], stack, w, at); at += w
    else:
        stack = []; last = None
        for e in p['events']:
            if last is not None and stack: add(p['name'], list(stack), e['at'] - last, last)
            last = e['at']
            if e['type'] == 'O': stack.append(e['frame'])
            else:
                if e['frame'] in stack:
                    i = len(stack) - 1 - stack[::-1].index(e['frame']); del stack[i:]
if first:
    for t, (lo, hi) in sorted(seen.items(), key=lambda kv: kv[1]): print(f'{first}: {t} {lo:.0f}..{hi:.0f} ms')
print(f'total {total:.0f} ms over {len(per_thread)} threads')
for t, w in per_thread.most_common(8): print(f'  {w:9.0f}  {t}')
print('--- inclusive')
for n, w in incl.most_common(top): print(f'{w:9.0f} {100*w/total:5.1f}%  {n[:200]}')
print('--- self')
for n, w in self_.most_common(top): print(f'{w:9.0f} {100*w/total:5.1f}%  {n[:200]}')
