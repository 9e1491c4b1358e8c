using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.App.Terminal;

/// <summary>Logs as one short line each through the <see cref="ConsoleUi"/>, so log lines never tear the status line.</summary>
internal sealed partial class UiLoggerProvider(ConsoleUi ui) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new UiLogger(ui, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    /// <summary>Akka's own prefix on a log event's text ("[WARNING][date][Thread 0005][akka://demo/system/x] "), which the line shows otherwise.</summary>
    [GeneratedRegex(@"^(\[[^\]]*\])+\s*")]
    private static partial Regex AkkaPrefix();

    private sealed class UiLogger(ConsoleUi ui, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Trace => "trce",
                LogLevel.Debug => "dbug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                _ => "crit",
            };
            var cause = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            var text = AkkaPrefix().Replace(formatter(state, exception), "").Replace("akka://", "", StringComparison.Ordinal);
            ui.WriteLine($"  {level} {category}: {text}{cause}");
        }
    }
}
