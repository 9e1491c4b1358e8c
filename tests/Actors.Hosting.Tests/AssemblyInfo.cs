// The tests read and write the process exit code (Environment.ExitCode), and one bounds StopAsync in real time: they
// run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
