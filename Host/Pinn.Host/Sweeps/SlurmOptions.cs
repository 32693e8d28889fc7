using System.Text.RegularExpressions;

namespace Pinn.Host.Sweeps;

/// <summary>
/// What a Slurm job array of a sweep asks for, checked as sbatch would check it so that a mistake shows before
/// anything is submitted.
/// </summary>
/// <param name="Partition">--partition, or null for the cluster's default.</param>
/// <param name="Time">--time: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (or null: the partition's default).</param>
/// <param name="Memory">--mem: a whole number with an optional K, M, G or T (megabytes without), or null.</param>
/// <param name="Setup">A shell line run before pinn in each task (e.g. <c>module load dotnet/10</c>), or null.</param>
/// <param name="MaxParallel">At most so many tasks at once (the array's %N), or null.</param>
internal sealed partial record SlurmOptions(string? Partition, string? Time, string? Memory, string? Setup, int? MaxParallel)
{
    /// <summary>Every problem of the options, each naming the option and what it accepts.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Partition is { } p && !PartitionName().IsMatch(p))
            problems.Add($"--partition \"{p}\": a partition name is letters, digits, '_', '-' and '.' (several separated by ',')");
        if (Time is { } t && !ValidTime(t))
            problems.Add($"--time \"{t}\": sbatch accepts minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED (minutes and seconds below 60)");
        if (Memory is { } m && !MemorySize().IsMatch(m))
            problems.Add($"--mem \"{m}\": a whole number with an optional unit K, M, G or T (e.g. 4G, 500M)");
        if (Setup is { } s && (s.Contains('\n') || s.Contains('\r')))
            problems.Add("--setup: one shell line (no line breaks)");
        if (MaxParallel is < 1) problems.Add($"--max-parallel {MaxParallel}: at least 1");
        return problems;
    }

    private static bool ValidTime(string t)
    {
        if (t is "UNLIMITED" or "INFINITE" or "unlimited" or "infinite") return true;
        var match = TimeLimit().Match(t);
        if (!match.Success) return false;
        var parts = match.Groups["clock"].Value.Split(':').Select(int.Parse).ToArray();
        var hasDays = match.Groups["days"].Success;
        // Without days: M, M:S, H:M:S; with days: D-H, D-H:M, D-H:M:S. Every field after the first is below 60 (hours below 24 after days).
        if (!hasDays && parts.Length == 3 && (parts[1] >= 60 || parts[2] >= 60)) return false;
        if (!hasDays && parts.Length == 2 && parts[1] >= 60) return false;
        if (hasDays && (parts[0] >= 24 || parts.Skip(1).Any(v => v >= 60))) return false;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$")]
    private static partial Regex PartitionName();

    [GeneratedRegex(@"^((?<days>\d+)-)?(?<clock>\d+(:\d{1,2}){0,2})$")]
    private static partial Regex TimeLimit();

    [GeneratedRegex(@"^\d+[KMGT]?$")]
    private static partial Regex MemorySize();
}
