using System.Globalization;
using System.Text;
using Pinn.Host.Training;

namespace Pinn.Host.Sweeps;

/// <summary>
/// A sweep as a Slurm job array: the sweep folder (<see cref="SweepFolder"/>: every variant's manifest), variants.txt
/// (task index i → variant on line i + 1) and sweep.sbatch, whose task runs the same <c>pinn run</c> a user runs
/// locally: it continues an interrupted run from its checkpoint and skips a finished one, so the array can be
/// submitted again. <c>pinn sweep collect DIR</c> reads the results.
/// </summary>
internal static class SlurmArray
{
    public static string Write(SweepFolder folder, SweepSpec spec, IReadOnlyList<SweepVariant> variants, int cpusPerTask, SlurmOptions options)
    {
        folder.Write(spec, variants);
        AtomicFile.WriteAllText(Path.Combine(folder.Root, "variants.txt"), string.Join("\n", variants.Select(v => v.Id)) + "\n");
        var q = (string s) => "'" + s.Replace("'", "'\\''") + "'";
        var script = new StringBuilder();
        script.AppendLine("#!/bin/bash");
        script.AppendLine($"#SBATCH --job-name=pinn-{spec.Name}");
        script.AppendLine($"#SBATCH --array=0-{variants.Count - 1}{(options.MaxParallel is { } max ? $"%{max}" : "")}");
        script.AppendLine($"#SBATCH --cpus-per-task={cpusPerTask.ToString(CultureInfo.InvariantCulture)}");
        script.AppendLine($"#SBATCH --output={folder.Root}/logs/slurm-%A_%a.out");
        if (options.Partition is { } partition) script.AppendLine($"#SBATCH --partition={partition}");
        if (options.Time is { } time) script.AppendLine($"#SBATCH --time={time}");
        if (options.Memory is { } memory) script.AppendLine($"#SBATCH --mem={memory}");
        script.AppendLine($"# Written by pinn sweep --emit slurm from {Path.GetFullPath(spec.File)}: {variants.Count} variants, one array task each.");
        script.AppendLine("# Submit with: sbatch " + Path.Combine(folder.Root, "sweep.sbatch") + "; then: pinn sweep collect " + folder.Root);
        script.AppendLine("set -euo pipefail");
        if (options.Setup is { } setup) script.AppendLine(setup);
        script.AppendLine($"dir={q(folder.Root)}");
        script.AppendLine($"pinn={q(PinnCommand())}");
        script.AppendLine("""
            id=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" "$dir/variants.txt")
            run="$dir/runs/$id"
            if [[ -f "$run/summary.json" ]] && ! grep -q '"stoppedBecause": "interrupted' "$run/summary.json"; then
              echo "$id finished before: $run/summary.json"
              exit 0
            fi
            if [[ -f "$run/checkpoint.bin" ]]; then
              exec "$pinn" run "$dir/manifests/$id.json" --resume "$run"
            fi
            exec "$pinn" run "$dir/manifests/$id.json" --out "$run" --overwrite
            """);
        var file = Path.Combine(folder.Root, "sweep.sbatch");
        AtomicFile.WriteAllText(file, script.ToString());
        if (!OperatingSystem.IsWindows())      // Slurm runs on Unix; the mode only matters there
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return file;
    }

    /// <summary>The <c>pinn</c> script of the checkout this host was built from (it builds when sources changed).</summary>
    private static string PinnCommand()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "pinn")) && File.Exists(Path.Combine(dir.FullName, "Pinn.Plugins.sln")))
                return Path.Combine(dir.FullName, "pinn");
        throw new IOException($"the pinn script was not found above {AppContext.BaseDirectory}");
    }
}
