using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Core.Hosting;

/// <summary>
/// What is read from files (parsed templates, translations, asset fingerprints), kept in memory and read again when a
/// file changes. A file is looked at (one system call) at most once per <see cref="CheckInterval"/>, so a page render
/// pays dictionary lookups, not I/O, while an edited theme file still shows within a second.
/// </summary>
/// <typeparam name="T">What a file becomes.</typeparam>
public sealed class ReloadingFiles<T>(Func<string, T> read)
{
    /// <summary>How often a file is looked at for a change.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private sealed record Entry(DateTime Written, bool Exists, T? Value, long CheckedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The value of the file at <paramref name="path"/>, or <paramref name="missing"/> when there is no such file.</summary>
    public T? Get(string path, T? missing = default)
    {
        if (_entries.TryGetValue(path, out var entry) && Stopwatch.GetElapsedTime(entry.CheckedAt) < CheckInterval)
        {
            return entry.Exists ? entry.Value : missing;
        }

        var exists = File.Exists(path);
        var written = exists ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        var now = Stopwatch.GetTimestamp();
        entry = entry is not null && entry.Exists == exists && entry.Written == written
            ? entry with { CheckedAt = now }
            : new Entry(written, exists, exists ? read(path) : default, now);
        _entries[path] = entry;
        return entry.Exists ? entry.Value : missing;
    }
}
