using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Pinn.Host.Training;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench contention</c>: a manifest trained for a fixed time in a <c>pinn run</c> process alone, then in two
/// processes at once on the same cores, under each OpenMP wait policy; per policy the milliseconds per step alone and
/// beside the other run (the slower of the two), and their ratio. Repeated <c>repeats</c> times, alone and pair taking
/// turns, so that a slow moment of the machine does not fall on one side only; the medians are reported.
/// </summary>
internal sealed class ContentionBenchmark(string manifestFile, double seconds, int repeats, string directory)
{
    /// <summary>One policy: its name, what it is and the environment it gives the runs (null: the variable removed).</summary>
    public sealed record Policy(string Name, string Description, IReadOnlyDictionary<string, string?> Environment);

    /// <summary>One policy's figures: medians over the repeats, ms per step.</summary>
    public sealed record Row(string Policy, string Description, double AloneMs, double PairMs, double Ratio, IReadOnlyList<double> AloneRuns, IReadOnlyList<double> PairRuns);

    /// <summary>The variables that fix a run's threads and waits; each policy sets or removes all of them.</summary>
    private static readonly string[] Variables = ["OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT"];

    /// <summary>What the benchmark compares: the host's default and the fixed settings it replaced or could have used.</summary>
    public static IReadOnlyList<Policy> Policies { get; } =
    [
        new("pinn", "nothing set: threads follow the cores other processes leave free (AdaptiveThreads), libgomp's waits", Set()),
        new("fixed", $"OMP_NUM_THREADS={Environment.ProcessorCount}: every core whatever else runs (pinn run before adaptive threads)",
            Set(("OMP_NUM_THREADS", Cores))),
        new("passive", $"OMP_NUM_THREADS={Environment.ProcessorCount}, OMP_WAIT_POLICY=passive: threads sleep at once when idle",
            Set(("OMP_NUM_THREADS", Cores), ("OMP_WAIT_POLICY", "passive"))),
        new("one-thread", "OMP_NUM_THREADS=1", Set(("OMP_NUM_THREADS", "1"))),
    ];

    private static string Cores => Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Set(params (string Name, string Value)[] set)
    {
        var environment = Variables.ToDictionary(v => v, _ => (string?)null);
        foreach (var (name, value) in set) environment[name] = value;
        return environment;
    }

    public IReadOnlyList<Row> Run(IReadOnlyList<Policy> policies, Action<string> progress)
    {
        Directory.CreateDirectory(directory);
        var manifest = TimedManifest();
        var rows = new List<Row>();
        foreach (var policy in policies)
        {
            var alone = new List<double>();
            var pair = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                alone.Add(Runs(manifest, policy, 1, $"{policy.Name}-{r + 1}-alone").Single());
                pair.Add(Runs(manifest, policy, 2, $"{policy.Name}-{r + 1}-pair").Max());
                progress($"{policy.Name} {r + 1}/{repeats}: alone {alone[^1]:F2} ms/step, beside another {pair[^1]:F2} ms/step");
            }
            var (a, p) = (Median(alone), Median(pair));
            rows.Add(new Row(policy.Name, policy.Description, a, p, p / a, alone, pair));
        }
        return rows;
    }

    /// <summary>The manifest (valid, one stage: the command checked it) with a budget of <see cref="seconds"/> and no
    /// checkpoints, in the benchmark's folder.</summary>
    private string TimedManifest()
    {
        var json = JsonNode.Parse(File.ReadAllText(manifestFile))!.AsObject();
        json["budget"] = new JsonObject { ["seconds"] = seconds };
        json["checkpointSeconds"] = 0;
        var file = Path.Combine(directory, "manifest.json");
        AtomicFile.WriteAllText(file, json.ToJsonString());
        return file;
    }

    /// <summary>Starts <paramref name="count"/> runs at once and returns each one's ms per step (from its summary.json).</summary>
    private double[] Runs(string manifest, Policy policy, int count, string name)
    {
        var processes = new List<(Process Process, string Folder, Task<string> Error)>();
        for (var i = 0; i < count; i++)
        {
            var folder = Path.Combine(directory, $"{name}-{i + 1}");
            var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") info.ArgumentList.Add(typeof(ContentionBenchmark).Assembly.Location);
            foreach (var a in new[] { "run", manifest, "--out", folder }) info.ArgumentList.Add(a);
            foreach (var (variable, value) in policy.Environment)
                if (value is null) info.Environment.Remove(variable);
                else info.Environment[variable] = value;
            var process = Process.Start(info)!;
            _ = process.StandardOutput.ReadToEndAsync();
            processes.Add((process, folder, process.StandardError.ReadToEndAsync()));
        }
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            var (process, folder, error) = processes[i];
            process.WaitForExit();
            var summary = Path.Combine(folder, "summary.json");
            if (process.ExitCode != 0 || !File.Exists(summary))
                throw new InvalidOperationException($"run {name}-{i + 1} failed (exit code {process.ExitCode}): {error.Result.Trim()}");
            result[i] = JsonNode.Parse(File.ReadAllText(summary))!["millisecondsPerStep"]!.GetValue<double>();
            process.Dispose();
        }
        return result;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}
