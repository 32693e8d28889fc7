using System.Runtime.InteropServices;

namespace Pinn.Host.Training;

/// <summary>
/// Makes a rename durable: on Linux, a file moved over another is on disk only once its folder's entry is,
/// so after the rename the folder is fsync'ed too. Elsewhere, and whenever the call fails, nothing happens:
/// the rename itself is atomic either way, this only narrows the window in which a power cut loses it.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY

    /// <summary>Flushes <paramref name="directory"/>'s entries to disk, if the platform allows; never throws.</summary>
    /// <returns>Whether the folder was flushed.</returns>
    public static bool TryFlush(string directory)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            var fd = open(directory, ReadOnly);
            if (fd < 0) return false;
            try
            {
                return fsync(fd) == 0;
            }
            finally
            {
                close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException)
        {
            return false; // no libc to ask: the rename stays atomic, only its durability is up to the file system
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc")]
    private static extern int close(int fd);
}
