using System.Globalization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Coordination;

namespace ActorShutdown.Coordination;

/// <summary>
/// A lease shared by the processes of one machine: one lock file per lease, holding its owner and its expiry. Every
/// operation opens the file with an exclusive OS lock (<see cref="FileShare.None"/>: <c>flock</c> on Unix, a
/// share-mode lock on Windows), reads the record, decides, writes the new record and closes the file — so the
/// read-modify-write is atomic across processes, and the OS lock is held for milliseconds only. A killed holder's
/// lock goes with its process; its record stays until the expiry passes, after which another owner may take it.
/// </summary>
/// <remarks>
/// <para>
/// Configuration (<c>akka.coordination.lease.file</c>, or any section with
/// <c>lease-class = "ActorShutdown.Coordination.FileLease, ActorShutdown.Coordination"</c>): <c>directory</c>, the
/// folder of the lock files, the same for every process that shares the lease (required); and Akka's
/// <c>heartbeat-timeout</c>, <c>heartbeat-interval</c> and <c>lease-operation-timeout</c>.
/// </para>
/// <para>
/// The expiry is the actor system's clock (<c>Scheduler.Now</c>, UTC wall-clock time outside tests): all processes
/// of one machine share it. The record is written in a single write, padded so that it always covers the previous
/// one: a holder killed in the middle of an operation leaves the old record or the new one, never a torn one.
/// </para>
/// </remarks>
public sealed class FileLease : HeartbeatLease
{
    /// <summary>The path of the lease's section in the library's defaults.</summary>
    public const string ConfigPath = "akka.coordination.lease.file";

    private const string Extension = ".lease";

    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(2);

    /// <summary>Creates the lease; Akka's <see cref="LeaseProvider"/> calls this.</summary>
    /// <param name="settings">Name, owner, timings; its section sets <c>directory</c>.</param>
    /// <param name="system">The actor system.</param>
    /// <exception cref="Akka.Configuration.ConfigurationException"><c>directory</c> is missing or empty; the message names the key.</exception>
    public FileLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings, system)
    {
        var section = new LeaseSection(system, settings, ConfigPath);
        var directory = section.RequiredString("directory", "the folder of the lock files, the same for every process sharing the lease");
        try
        {
            Directory = Path.GetFullPath(directory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw section.Invalid("directory", $"'{directory}' is not a valid path: {e.Message}", e);
        }
        FilePath = Path.Combine(Directory, FileNameOf(settings.LeaseName));
    }

    /// <summary>The folder of the lock files.</summary>
    public string Directory { get; }

    /// <summary>This lease's lock file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// The lock file's name for a lease: the name with every character other than ASCII letters, digits, '-', '_'
    /// and '.' written as <c>%XX</c> (its UTF-8 bytes), plus <c>.lease</c>; distinct names give distinct files.
    /// </summary>
    internal static string FileNameOf(string leaseName)
    {
        var name = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(leaseName))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && name.Length > 0))) name.Append(c);
            else name.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return name.Append(Extension).ToString();
    }

    /// <summary>Reads a lock file's record (owner, null when free; expiry) under the lock, for tests.</summary>
    internal static Task<(string? Owner, DateTimeOffset ExpiresAt)> ReadRecordAsync(string filePath) =>
        WithLockedFile(filePath, FileMode.Open, stream =>
        {
            var record = Read(stream);
            return (record.Owner, record.ExpiresAt);
        }, CancellationToken.None);

    /// <inheritdoc />
    protected override Task<bool> TryAcquireAsync(CancellationToken cancellationToken) =>
        Update(record => record.Owner is null || record.Owner == Settings.OwnerName || Now >= record.ExpiresAt
            ? new Record(Settings.OwnerName, Now + Settings.TimeoutSettings.HeartbeatTimeout)
            : null, cancellationToken);

    /// <inheritdoc />
    protected override Task<bool> TryRenewAsync(CancellationToken cancellationToken) =>
        Update(record => record.Owner == Settings.OwnerName ? new Record(Settings.OwnerName, Now + Settings.TimeoutSettings.HeartbeatTimeout) : null,
            cancellationToken);

    /// <inheritdoc />
    protected override Task<bool> TryReleaseAsync(CancellationToken cancellationToken) =>
        Update(record => record.Owner == Settings.OwnerName ? new Record(null, Now) : null, cancellationToken);

    /// <summary>Under the file lock: reads the record, and writes the one <paramref name="decide"/> returns (true), unless null (false).</summary>
    private Task<bool> Update(Func<Record, Record?> decide, CancellationToken cancellationToken)
    {
        global::System.IO.Directory.CreateDirectory(Directory);
        return WithLockedFile(FilePath, FileMode.OpenOrCreate, stream =>
        {
            if (decide(Read(stream)) is not { } next) return false;
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
                // Another operation holds the lock for its read-modify-write: milliseconds. Real time, whatever the
                // lease's clock: this waits for another process, not for the lease.
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

    private static Record Read(FileStream stream)
    {
        stream.Position = 0;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        if (bytes.AsSpan().Trim(" \r\n\t"u8).IsEmpty) return Record.Free;
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            return new Record(root.GetProperty("owner").GetString(), new DateTimeOffset(root.GetProperty("expiresTicks").GetInt64(), TimeSpan.Zero));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentOutOfRangeException or FormatException)
        {
            // Only something other than a lease writes a record a lease cannot read: the file is not a lease's, and
            // the operation fails (a LeaseException) rather than overwrite it.
            throw new IOException($"The lease file '{stream.Name}' does not hold a lease record: {e.Message}", e);
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
        var bytes = new byte[(int)Math.Max(buffer.Length, stream.Length)];
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
