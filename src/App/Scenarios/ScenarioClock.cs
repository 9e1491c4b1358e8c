using System.Diagnostics;
using System.Globalization;

namespace ActorShutdown.App.Scenarios;

/// <summary>
/// A scenario's time: the seeds' durations run scaled (×0.25 by default, so a seed's 4 s take 1 s here), and
/// everything is reported back in the seeds' seconds.
/// </summary>
internal sealed class ScenarioClock(double scale)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public double Scale { get; } = scale;

    /// <summary>Starts counting again from zero (when the scenario's workers start).</summary>
    public void Restart() => _watch.Restart();

    /// <summary>The real time a seed's duration takes here.</summary>
    public TimeSpan Real(double seedSeconds) => TimeSpan.FromSeconds(seedSeconds * Scale);

    /// <summary>Seed seconds since the scenario started.</summary>
    public double Now => _watch.Elapsed.TotalSeconds / Scale;

    /// <summary>A real duration in seed seconds.</summary>
    public double Seed(TimeSpan real) => real.TotalSeconds / Scale;

    /// <summary>"4.0 s": seed seconds, as printed.</summary>
    public static string S(double seedSeconds) => seedSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public string Note => Scale == 1
        ? "(real time)"
        : string.Create(CultureInfo.InvariantCulture, $"(time runs ×{Scale}: the seed's 1 s takes {Scale * 1000:0} ms here; times below are in the seed's seconds)");
}
