namespace ActorShutdown.Benchmarks;

/// <summary>
/// One measurement, printed by a child process as a JSON line: the figure measured (a shutdown's or a trip's duration), the CPU time the process spent in the shutdown, the managed heap after spawning,
/// the process's peak resident memory, and how many of its shutdowns (warm-up included) ended with an unclean report.
/// </summary>
internal sealed record Measurement(double Ms, double CpuMs, double HeapMb, double PeakRssMb, int Unclean = 0)
{
    /// <summary>The peak resident set size of this process so far (VmHWM), in MB.</summary>
    public static double PeakRss()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The median of each field over several runs.</summary>
    public static Measurement Median(IReadOnlyList<Measurement> runs)
    {
        double Mid(Func<Measurement, double> field) => runs.Select(field).Order().ElementAt(runs.Count / 2);
        return new Measurement(Mid(m => m.Ms), Mid(m => m.CpuMs), Mid(m => m.HeapMb), Mid(m => m.PeakRssMb), runs.Sum(m => m.Unclean));
    }
}
