namespace Pinn.Host.Training;

/// <summary>
/// A run's output folder, owned by one run at a time: a lock file (<c>.pinn.lock</c>, an exclusive advisory
/// lock held while the run lasts) keeps a second run out, and a folder that already holds files is refused
/// unless the run continues it (<c>--resume</c>) or the user asked to replace it (<c>--overwrite</c>).
/// Claiming also removes the temporary files an interrupted write left behind.
/// </summary>
internal sealed class RunFolder : IDisposable
{
    public const string LockFileName = ".pinn.lock";

    /// <summary>The files a run writes, removed by <c>--overwrite</c> (with its plots/ folder).</summary>
    private static readonly string[] RunFiles = ["manifest.resolved.json", "metrics.csv", "summary.json", ResumePoint.FileName];

    private readonly FileStream _lock;

    private RunFolder(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The folder (full path).</summary>
    public string Path { get; }

    /// <summary>
    /// Claims <paramref name="directory"/> for a run. A new or empty folder is taken; one that holds files is
    /// taken when <paramref name="continuing"/> (the run resumes the checkpoint in it) or, with
    /// <paramref name="overwrite"/>, after the files of the run it held are removed. Throws
    /// <see cref="RunFolderException"/> with what to do otherwise.
    /// </summary>
    public static RunFolder Claim(string directory, bool continuing, bool overwrite)
    {
        var path = System.IO.Path.GetFullPath(directory);
        if (File.Exists(path)) throw new RunFolderException($"{directory} is a file, not a folder: name a folder for the run's output");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException($"cannot create the output folder {directory}: {e.Message}");
        }
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(System.IO.Path.Combine(path, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RunFolderException($"cannot write to the output folder {directory}: {e.Message}");
        }
        catch (IOException)
        {
            throw new RunFolderException($"{directory} is in use by another run (it holds the lock {LockFileName}); wait for that run to end or choose another --out");
        }
        var folder = new RunFolder(path, lockFile);
        try
        {
            folder.RemoveTemporaryFiles();
            var held = Directory.EnumerateFileSystemEntries(path).Select(System.IO.Path.GetFileName).Where(n => n != LockFileName).Order(StringComparer.Ordinal).ToArray();
            if (held.Length > 0 && !continuing)
            {
                if (!overwrite)
                    throw new RunFolderException($"{directory} already holds files ({string.Join(", ", held.Take(5))}{(held.Length > 5 ? ", …" : "")}): "
                                                 + $"choose another --out, continue that run with --resume {directory}, or pass --overwrite to replace it");
                foreach (var file in RunFiles) File.Delete(System.IO.Path.Combine(path, file));
                // The pictures of the run it held (RUN/plots/, drawn at its end) go with it.
                var plots = System.IO.Path.Combine(path, Plots.RunPlots.FolderName);
                if (Directory.Exists(plots)) Directory.Delete(plots, recursive: true);
            }
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Claims a new folder <paramref name="parent"/>/<paramref name="stem"/>, or <c>stem-2</c>, <c>stem-3</c>, … when
    /// another run (say one started in the same second) has that one already.
    /// </summary>
    public static RunFolder ClaimFresh(string parent, string stem)
    {
        for (var i = 1; ; i++)
        {
            var directory = System.IO.Path.Combine(parent, i == 1 ? stem : $"{stem}-{i}");
            if (Directory.Exists(directory)) continue;
            try
            {
                return Claim(directory, continuing: false, overwrite: false);
            }
            catch (RunFolderException) when (i < 100 && Directory.Exists(directory))
            {
                // another run created it between our look and our claim: take the next name
            }
        }
    }

    private void RemoveTemporaryFiles()
    {
        foreach (var file in Directory.EnumerateFiles(Path).Where(f => AtomicFile.IsTemporary(System.IO.Path.GetFileName(f))).ToArray())
            File.Delete(file);
    }

    /// <summary>Releases the folder: the lock file is removed while still locked, so no other run can take a lock on a file about to vanish.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(System.IO.Path.Combine(Path, LockFileName));
        }
        catch (IOException)
        {
            // the folder went away or is read-only now; the lock is released below all the same
        }
        _lock.Dispose();
    }
}
