using ActorShutdown.Configuration;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ActorShutdown.TestKit;

/// <summary>
/// Base class for xunit (v2) tests of actors: a fresh <see cref="ActorSystem"/> per test, a default probe
/// (<see cref="TestActor"/>) and the probe API acting on it. Disposing it shuts the system down through
/// <see cref="CoordinatedShutdown"/> and fails the test if the system does not terminate in time.
/// Systems run with signals and process-exit handling off, so tests run in parallel without interfering.
/// </summary>
public abstract class TestKit : IDisposable
{
    private const string TestDefaults = """
        actors.coordinated-shutdown.run-by-signals = off
        actors.coordinated-shutdown.run-by-process-exit = off
        actors.coordinated-shutdown.exit-process = off
        """;

    private static int s_probes;   // only makes generated probe names distinct
    private readonly HashSet<string> _probeNames = new(StringComparer.Ordinal);   // under its own lock
    private readonly ManualTime? _time;
    private readonly TestKitSettings _settings;
    private readonly TestProbe _testActor;
    private bool _disposed;

    /// <summary>Creates the system.</summary>
    /// <param name="hocon">Extra configuration for the system (it wins over the test defaults and reference.conf).</param>
    /// <param name="output">Where the system logs (xunit's per-test output); nowhere when null.</param>
    /// <param name="manualTime">Run the system on a <see cref="ManualTime"/> clock (see <see cref="Time"/>).</param>
    protected TestKit(string? hocon = null, ITestOutputHelper? output = null, bool manualTime = false)
    {
        _time = manualTime ? new ManualTime() : null;
        var config = ConfigurationFactory.ParseString(hocon ?? string.Empty).WithFallback(ConfigurationFactory.ParseString(TestDefaults));
        var name = new string(GetType().Name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_').ToArray());
        Sys = ActorSystem.Create(name.Length == 0 ? "test" : name, config,
            output is null ? null : new TestOutputLoggerFactory(output), _time);
        _settings = TestKitSettings.FromConfig(Sys.Config);
        _testActor = CreateTestProbe("testActor");
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The default probe's actor: the implicit target of the probe methods on this class.</summary>
    public IActorRef TestActor => _testActor.Ref;

    /// <summary>The manual clock the system runs on.</summary>
    /// <exception cref="InvalidOperationException">The kit was created without <c>manualTime: true</c>.</exception>
    public ManualTime Time => _time ?? throw new InvalidOperationException("This TestKit runs on the system clock; pass manualTime: true to the TestKit constructor to get a ManualTime.");

    /// <summary>Creates another probe; its path is <c>/system/</c><paramref name="name"/>.</summary>
    /// <exception cref="InvalidActorNameException">The name is invalid, or another probe of this kit has it.</exception>
    public TestProbe CreateTestProbe(string? name = null)
    {
        var probe = new TestProbe(Sys, _settings, name ?? $"testProbe-{Interlocked.Increment(ref s_probes)}");   // validates the name
        lock (_probeNames)
        {
            if (!_probeNames.Add(probe.Path.Name)) throw new InvalidActorNameException($"Probe name '{probe.Path.Name}' is not unique: this TestKit already has a probe with it.");
        }
        return probe;
    }

    /// <summary>Creates a top-level actor in <see cref="Sys"/>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    /// <summary>The sender of the message the default probe took last.</summary>
    public IActorRef LastSender => _testActor.LastSender;

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(TimeSpan?)"/>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => _testActor.ExpectMsg<T>(timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(Predicate{T}, TimeSpan?)"/>
    public T ExpectMsg<T>(Predicate<T> isMatch, TimeSpan? timeout = null) => _testActor.ExpectMsg(isMatch, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsgAsync{T}(TimeSpan?)"/>
    public Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null) => _testActor.ExpectMsgAsync<T>(timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsgAsync{T}(Predicate{T}, TimeSpan?)"/>
    public Task<T> ExpectMsgAsync<T>(Predicate<T> isMatch, TimeSpan? timeout = null) => _testActor.ExpectMsgAsync(isMatch, timeout);

    /// <inheritdoc cref="TestProbe.ExpectNoMsg"/>
    public void ExpectNoMsg(TimeSpan duration) => _testActor.ExpectNoMsg(duration);

    /// <inheritdoc cref="TestProbe.ExpectNoMsgAsync"/>
    public Task ExpectNoMsgAsync(TimeSpan duration) => _testActor.ExpectNoMsgAsync(duration);

    /// <inheritdoc cref="TestProbe.ExpectTerminated"/>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => _testActor.ExpectTerminated(target, timeout);

    /// <inheritdoc cref="TestProbe.ExpectTerminatedAsync"/>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? timeout = null) => _testActor.ExpectTerminatedAsync(target, timeout);

    /// <inheritdoc cref="TestProbe.FishForMessage{T}"/>
    public T FishForMessage<T>(Predicate<T> isMatch, TimeSpan? timeout = null) => _testActor.FishForMessage(isMatch, timeout);

    /// <inheritdoc cref="TestProbe.FishForMessageAsync{T}"/>
    public Task<T> FishForMessageAsync<T>(Predicate<T> isMatch, TimeSpan? timeout = null) => _testActor.FishForMessageAsync(isMatch, timeout);

    /// <inheritdoc cref="TestProbe.ReceiveN"/>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null) => _testActor.ReceiveN(count, timeout);

    /// <inheritdoc cref="TestProbe.Watch"/>
    public void Watch(IActorRef target) => _testActor.Watch(target);

    /// <inheritdoc cref="TestProbe.Unwatch"/>
    public void Unwatch(IActorRef target) => _testActor.Unwatch(target);

    /// <inheritdoc cref="TestProbe.Send"/>
    public void Send(IActorRef target, object message) => _testActor.Send(target, message);

    /// <inheritdoc cref="TestProbe.Reply"/>
    public void Reply(object message) => _testActor.Reply(message);

    /// <inheritdoc cref="TestProbe.AwaitAssert"/>
    public void AwaitAssert(Action assertion, TimeSpan? timeout = null, TimeSpan? interval = null) => _testActor.AwaitAssert(assertion, timeout, interval);

    /// <inheritdoc cref="TestProbe.AwaitCondition"/>
    public void AwaitCondition(Func<bool> condition, TimeSpan? timeout = null) => _testActor.AwaitCondition(condition, timeout);

    /// <summary>Shuts the system down and fails if it does not terminate within <c>actors.test.default-timeout</c>.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Shuts the system down (when <paramref name="disposing"/>).</summary>
    /// <exception cref="XunitException">The system did not terminate in time.</exception>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing) return;
        _disposed = true;
        var limit = _settings.DefaultTimeout * _settings.TimeFactor;
        var terminated = Sys.Terminate();
        // With a manual clock, phase timeouts only pass when the clock moves: keep it moving while we wait.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!terminated.Wait(_time is null ? limit : TimeSpan.FromMilliseconds(10)))
        {
            if (_time is null || clock.Elapsed >= limit)
                throw new XunitException($"The actor system '{Sys.Name}' did not terminate within {limit}.");
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
