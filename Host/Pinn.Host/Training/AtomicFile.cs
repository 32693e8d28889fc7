using System.Text;

namespace Pinn.Host.Training;

/// <summary>
/// Writes a file so that a reader (or a crash) sees either the old content or the new, never a mix: the
/// bytes go to a temporary file beside it (<c>.NAME.PID.tmp</c>), are flushed to disk and moved over the
/// old file. The temporary file is removed when the write fails.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The temporary file a write to <paramref name="path"/> uses.</summary>
    public static string TemporaryFor(string path)
        => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");

    /// <summary>Whether <paramref name="fileName"/> is a temporary file such a write leaves behind when its process dies.</summary>
    public static bool IsTemporary(string fileName) => fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);

    public static void WriteAllText(string path, string text) => Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes what <paramref name="write"/> puts into the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temporary = TemporaryFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
