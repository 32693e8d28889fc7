namespace Pinn.Host.Commands;

/// <summary>A command's <c>--out FILE</c> (or <c>--json FILE</c>, <c>--png FILE</c>), checked before any work: its folder
/// must exist and the path must not be a folder.</summary>
internal static class OutputFileArgument
{
    /// <summary>What is wrong with writing <paramref name="file"/>, as <c>--option FILE: …</c>, or null.</summary>
    public static string? Mistake(string option, string file)
    {
        if (Directory.Exists(file)) return $"{option} {file}: is a folder; name the file to write";
        return Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder)
            ? $"{option} {file}: the folder {folder} does not exist"
            : null;
    }
}
