using System.Collections.Concurrent;
using ActorShutdown.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.Hosting.Tests;

/// <summary>Builds real Generic Hosts with an actor system, logging to a list the test can read.</summary>
internal static class TestHosts
{
    /// <summary>A bound for waits that only a bug can exhaust (the machine may be slow and shared).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static IHost Build(Action<ActorSystemBuilder> configure, Action<IServiceCollection>? services = null, LogSink? logs = null,
        TimeSpan? shutdownTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        if (logs is not null) builder.Logging.AddProvider(logs);
        if (shutdownTimeout is { } timeout) builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
        services?.Invoke(builder.Services);
        builder.Services.AddActorSystem("hosted", actors =>
        {
            actors.SetProcessExitCode = false;   // tests share one process
            configure(actors);
        });
        return builder.Build();
    }

    public static ActorSystem System(this IHost host) => host.Services.GetRequiredService<ActorSystem>();

    /// <summary>The report of the run the host's stop (or anything else) started.</summary>
    public static Task<ShutdownReport> Report(this IHost host) =>
        CoordinatedShutdown.Get(host.System()).Run(ShutdownReason.Unknown).WaitAsync(Patience);
}

/// <summary>Keeps every log line, with its category.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
