using ActorShutdown.Configuration;
using System.Collections.Concurrent;
using ActorShutdown.TestKit;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.Tests.Kernel;

/// <summary>
/// Everything the kernel and the actors log goes through the ILoggerFactory given to ActorSystem.Create. Not a
/// TestKit: the kit's systems log to the test output, and these tests need to hand in a factory of their own.
/// </summary>
public sealed class LoggingTests
{
    private sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    /// <summary>Keeps every log entry, from any category and at any level.</summary>
    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void AddProvider(ILoggerProvider provider) { }

        public void Dispose() { }

        private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }

    private sealed class Talker : ReceiveActor
    {
        public Talker()
        {
            Receive<string>(s =>
            {
#pragma warning disable CA1848, CA1873 // the plain extension method is what the test is about, not a hot path
                Context.Log.LogInformation("talker heard {Word}", s);
#pragma warning restore CA1848, CA1873
                Sender.Tell("logged");
            });
            Receive<Fail>(f => throw new TestFailure(f.Why));
        }
    }

    [Fact]
    public async Task Context_Log_writes_to_the_system_logger_factory_under_the_actor_type()
    {
        var logs = new CapturingLoggerFactory();
        await using var system = ActorSystem.Create("logging", loggerFactory: logs);

        await system.ActorOf(Props.Create<Talker>()).Ask<string>("hello");

        Assert.Contains(logs.Entries, e => e.Category == typeof(Talker).FullName && e.Level == LogLevel.Information && e.Message == "talker heard hello");
        Assert.Same(logs, system.LoggerFactory);
    }

    [Fact]
    public async Task A_failure_is_logged_once_with_its_exception()
    {
        var logs = new CapturingLoggerFactory();
        await using var system = ActorSystem.Create("logging", loggerFactory: logs);
        var actor = system.ActorOf(Props.Create<Talker>(), "talker");

        actor.Tell(new Fail("logged failure"));
        await actor.Ask<string>("after the restart");   // handled by the new instance: the failure has been dealt with

        var failure = Assert.Single(logs.Entries, e => e.Exception is TestFailure { Message: "logged failure" });
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("/user/talker", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dead_letters_are_logged_up_to_the_limit_then_only_counted()
    {
        var logs = new CapturingLoggerFactory();
        await using var system = ActorSystem.Create("logging", ConfigurationFactory.ParseString("actors.log-dead-letters = 10"), loggerFactory: logs);
        var actor = system.ActorOf(Props.Create<Talker>());
        system.Stop(actor);
        Assert.True(await actor.WatchAsync());
        var deadLettersBefore = system.DeadLetterCount;
        const int sent = 100;

        for (var i = 0; i < sent; i++) actor.Tell(i);

        Assert.Equal(deadLettersBefore + sent, system.DeadLetterCount);   // every one is counted
        Assert.Equal(10, logs.Entries.Count(e => e.Message.StartsWith("Dead letter:", StringComparison.Ordinal)));
        var suspended = Assert.Single(logs.Entries, e => e.Message.Contains("only counted", StringComparison.Ordinal));
        Assert.StartsWith("Logged 10 dead letters", suspended.Message, StringComparison.Ordinal);
    }
}
