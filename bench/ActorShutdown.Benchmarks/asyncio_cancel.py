"""The asyncio way (the seeds' way): create N tasks, cancel them all, gather them.

Prints one JSON line: {"n": N, "spawn_ms": ..., "shutdown_ms": ...}.
"""
import asyncio
import json
import sys
import time


async def worker(started):
    started.set()  # not awaited by anyone; just marks that the task ran
    await asyncio.sleep(3600)


async def main(n):
    t0 = time.perf_counter()
    events = [asyncio.Event() for _ in range(n)]
    tasks = [asyncio.create_task(worker(e)) for e in events]
    await asyncio.sleep(0)  # let every task start and block
    t1 = time.perf_counter()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    t2 = time.perf_counter()
    print(json.dumps({"n": n, "spawn_ms": (t1 - t0) * 1000, "shutdown_ms": (t2 - t1) * 1000}))


asyncio.run(main(int(sys.argv[1])))
