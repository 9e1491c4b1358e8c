using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ActorShutdown.Coordination;

/// <summary>
/// A lease shared by the processes of one machine: one lock file per lease, holding its owner and its expiry.
/// Every operation opens the file with an exclusive OS lock (<see cref="FileShare.None"/>: <c>flock</c> on
/// Unix, a share-mode lock on Windows), reads the record, decides, writes the new record and closes the file —
/// so the read-modify-write is atomic across processes, and the OS lock is held for milliseconds only. A
/// crashed holder's lock goes with its process; its record stays until the expiry passes, after which another
/// owner may take the lease.
/// </summary>
/// <remarks>
/// <para>
/// Configuration (the lease's section, for example <c>actors.coordination.file-lease</c>): <c>directory</c>, the
/// folder of the lock files — the same for every process that shares the lease; empty for
/// <c>actorshutdown-leases</c> under the system's temporary directory.
/// </para>
/// <para>
/// The expiry is wall-clock time (UTC) from the lease's <see cref="TimeProvider"/>: all processes of one machine
/// share that clock. The record is written in a single write, padded so that it always covers the previous one:
/// a holder killed in the middle of an operation leaves the old record or the new one, never a torn one.
/// </para>
/// </remarks>
public sealed class FileLease : HeartbeatLease
{
    /// <summary>The file name extension of lock files.</summary>
    public const string Extension = ".lease";

    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(2);

    /// <summary>Creates the lease on the system's clock and logger (the constructor <see cref="LeaseProvider"/> uses).</summary>
    public FileLease(LeaseSettings settings, ActorSystem system)
        : this(settings, (system ?? throw new ArgumentNullException(nameof(system))).Time, system.LoggerFactory)
    {
    }

    /// <summary>Creates the lease.</summary>
    /// <param name="settings">Name, owner, timings; <see cref="LeaseSettings.LeaseConfig"/> may set <c>directory</c>.</param>
    /// <param name="time">The clock of expiries, heartbeats and timeouts.</param>
    /// <param name="loggerFactory">Where to log (nowhere when null).</param>
    /// <exception cref="ActorShutdown.Configuration.ConfigurationException"><c>directory</c> is not a string.</exception>
    public FileLease(LeaseSettings settings, TimeProvider time, ILoggerFactory? loggerFactory = null)
        : base(settings, time, loggerFactory?.CreateLogger<FileLease>())
    {
        var config = settings.LeaseConfig;
        var directory = config.HasPath("directory") ? config.GetString("directory").Trim() : "";
        Directory = directory.Length > 0 ? Path.GetFullPath(directory) : Path.Combine(Path.GetTempPath(), "actorshutdown-leases");
        FilePath = Path.Combine(Directory, FileNameOf(settings.LeaseName));
    }

    /// <summary>The folder of the lock files.</summary>
    public string Directory { get; }

    /// <summary>This lease's lock file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The lock file's name for a lease: the name with every character other than ASCII letters, digits,
    /// '-', '_' and '.' written as <c>%XX</c> (its UTF-8 bytes), plus <see cref="Extension"/>; distinct names
    /// give distinct files.
    /// </summary>
    public static string FileNameOf(string leaseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseName);
        var name = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(leaseName))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && name.Length > 0))) name.Append(c);
            else name.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return name.Append(Extension).ToString();
    }

    /// <summary>
    /// Reads a lock file's record: its owner (null when free) and expiry. For tools and tests; takes the lock
    /// like any operation, so it never sees a record half written.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read (for example when there is none).</exception>
    public static async Task<(string? Owner, DateTimeOffset ExpiresAt)> ReadRecordAsync(string filePath, CancellationToken cancellationToken = default)
    {
        var record = await WithLockedFile(filePath, FileMode.Open, stream => Read(stream, null, filePath), cancellationToken).ConfigureAwait(false);
        return (record.Owner, record.ExpiresAt);
    }

    /// <inheritdoc />
    protected override Task<bool> TryAcquireAsync(CancellationToken cancellationToken) =>
        Update(record => record.Owner is null || record.Owner == Settings.OwnerName || Time.GetUtcNow() >= record.ExpiresAt
            ? new Record(Settings.OwnerName, Time.GetUtcNow() + Settings.HeartbeatTimeout)
            : null, cancellationToken);

    /// <inheritdoc />
    protected override Task<bool> TryRenewAsync(CancellationToken cancellationToken) =>
        Update(record => record.Owner == Settings.OwnerName ? new Record(Settings.OwnerName, Time.GetUtcNow() + Settings.HeartbeatTimeout) : null,
            cancellationToken);

    /// <inheritdoc />
    protected override Task<bool> TryReleaseAsync(CancellationToken cancellationToken) =>
        Update(record => record.Owner == Settings.OwnerName ? new Record(null, Time.GetUtcNow()) : null, cancellationToken);

    /// <summary>Under the file lock: reads the record, and writes the one <paramref name="decide"/> returns (true), unless null (false).</summary>
    private Task<bool> Update(Func<Record, Record?> decide, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return WithLockedFile(FilePath, FileMode.OpenOrCreate, stream =>
        {
            var current = Read(stream, Logger, FilePath);
            if (decide(current) is not { } next) return false;
            Write(stream, next);
            return true;
        }, cancellationToken);
    }

    private static async Task<T> WithLockedFile<T>(string path, FileMode mode, Func<FileStream, T> action, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileStream stream;
            try
            {
                stream = new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (IOException e) when (IsLockContention(e))
            {
                // Another operation holds the lock for its read-modify-write: milliseconds. Real time, whatever
                // the lease's clock: this waits for another process, not for the lease.
                await Task.Delay(LockRetryDelay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            using (stream) return action(stream);
        }
    }

    /// <summary>The OS refused the lock because another handle holds it (not a missing folder or a permission problem).</summary>
    private static bool IsLockContention(IOException e) =>
        e.GetType() == typeof(IOException)
        && (OperatingSystem.IsWindows()
            ? (e.HResult & 0xFFFF) is 32 or 33     // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
            : e.HResult is 11 or 35);               // EWOULDBLOCK (Linux, macOS) from flock

    private static Record Read(FileStream stream, ILogger? logger, string path)
    {
        stream.Position = 0;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        if (bytes.AsSpan().Trim(" \r\n\t"u8).IsEmpty) return Record.Free;
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            var owner = root.GetProperty("owner").GetString();
            var expires = new DateTimeOffset(root.GetProperty("expiresTicks").GetInt64(), TimeSpan.Zero);
            return new Record(owner, expires);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException or FormatException)
        {
            // Only something other than a lease writes a record this lease cannot read: the file is not a lease's.
            if (logger is not null) CoordinationLog.UnreadableLeaseFile(logger, e, path);
            return Record.Free;
        }
    }

    private static void Write(FileStream stream, Record record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("owner", record.Owner);
            json.WriteString("expiresAt", record.ExpiresAt.UtcDateTime);
            json.WriteNumber("expiresTicks", record.ExpiresAt.UtcTicks);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        // Padded to cover the previous record, and written in one call: a kill leaves one record or the other.
        var length = (int)Math.Max(buffer.Length, stream.Length);
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)' ');
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).CopyTo(bytes);
        stream.Position = 0;
        stream.Write(bytes);
        stream.Flush();
    }

    private sealed record Record(string? Owner, DateTimeOffset ExpiresAt)
    {
        public static Record Free { get; } = new(null, DateTimeOffset.MinValue);
    }
}
