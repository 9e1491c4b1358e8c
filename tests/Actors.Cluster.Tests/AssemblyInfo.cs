// One test at a time: each runs a real-time cluster (or three processes) on a shared 2-core machine, and several at
// once starve each other's gossip and hand-offs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
