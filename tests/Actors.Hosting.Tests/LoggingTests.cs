using System.Collections.Concurrent;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.Hosting.Tests;

/// <summary>Akka's logs, the guardian's included, go to the host's ILoggerFactory.</summary>
public sealed class LoggingTests : IDisposable
{
    [Fact]
    public async Task The_actor_systems_logs_reach_the_hosts_logger_factory()
    {
        var logs = new CapturingProvider();
        using var host = TestHosts.Build(TimeSpan.FromSeconds(10), logs: logs);
        await host.StartAsync();

        host.System().Log.Warning("a warning from the actor system");

        Assert.True(SpinWait.SpinUntil(() => logs.Messages.Any(m => m.Contains("a warning from the actor system", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)),
            string.Join("\n", logs.Messages));
        await host.StopAsync();
    }

    public void Dispose() => Environment.ExitCode = 0;

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
