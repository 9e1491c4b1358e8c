"""Profiling helper for the shutdown benchmark. Record and convert a trace first:
  dotnet-trace collect --show-child-io --profile dotnet-sampled-thread-time -o t.nettrace -- \
    bench/ActorShutdown.Benchmarks/bin/Release/net10.0/ActorShutdown.Benchmarks one idle 100000 guardian cold
  dotnet-trace convert --format speedscope t.nettrace

buckets.py file FROM_MS: CPU ms (excluding idle spinning) by bucket, first matching bucket wins (order matters)."""
import json, sys, collections
d = json.load(open(sys.argv[1])); t_from = float(sys.argv[2])
frames = [f['name'] for f in d['shared']['frames']]
B = [('idle spin (thread pool waiting)', ['LowLevelLifoSemaphore', 'UnfairSemaphore', 'LowLevelSpinWaiter', 'WaitHandle.Wait', 'TimerQueue.TimerThread']),
     ('report (ToString of an unclean report)', ['ShutdownReport.ToString']),
     ('guardian: TakeScope', ['ShutdownGuardianActor.TakeScope']),
     ('guardian: Rescan (walk every interval)', ['ShutdownGuardianActor.Rescan']),
     ('guardian: later attempts/escalation (RunCohortStep)', ['ShutdownGuardianActor.RunCohortStep']),
     ('guardian: Terminated handling (Gone etc.)', ['ShutdownGuardianActor.OnReceive']),
     ('/user guardian (StopChild, child terminated)', ['GuardianActor.Receive', 'HandleChildTerminated']),
     ('guardian: DeathWatch bookkeeping (WatchedActorTerminated in guardian)', ['WatchedActorTerminated']),
     ('unhandled Cancel stopped, tokens of stopped actors tripped', ['UnhandledCancelStopper', 'ActorCancellation.Stopped']),
     ('actors: Unhandled(Cancel) -> EventStream', ['ActorBase.Unhandled']),
     ('actors: terminate', ['ActorCell.Terminate', 'FinishTerminate']),
     ('GC poll/suspend', ['PollGC']),
     ('spawning (ActorOf)', ['ActorOf', 'MakeChild']),
     ('other mailbox work', ['Mailbox.Run', 'Mailbox.Execute']),
     ('other', [''])]
c = collections.Counter(); tot = 0
for p in d['profiles']:
    stack = []; last = None
    for e in p['events']:
        if last is not None and stack and e['at'] > last and last >= t_from:
            names = [frames[i] for i in stack]
            if names[-1] == 'CPU_TIME':
                w = e['at'] - last; tot += w
                joined = '\n'.join(names)
                for label, pats in B:
                    if any(pt in joined for pt in pats): c[label] += w; break
        last = e['at']
        if e['type'] == 'O': stack.append(e['frame'])
        elif e['frame'] in stack:
            i = len(stack) - 1 - stack[::-1].index(e['frame']); del stack[i:]
busy = tot - c['idle spin (thread pool waiting)']
print(f'CPU samples after {t_from:.0f} ms: {tot:.0f} ms, of which busy {busy:.0f} ms')
for label, _ in B:
    if c[label]: print(f'{c[label]:8.0f} ms  {100*c[label]/busy if label != "idle spin (thread pool waiting)" else 0:5.1f}%  {label}')
