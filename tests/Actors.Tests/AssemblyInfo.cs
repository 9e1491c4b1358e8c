// The guardian's tests drive virtual time and step it only once the process's thread pool is quiet; tests running
// side by side in this process would keep it busy for each other and make those steps depend on timing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
