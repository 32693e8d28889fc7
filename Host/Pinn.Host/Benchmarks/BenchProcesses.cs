using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Host.Training;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// A benchmark repeated in fresh processes one after another (the same binary can be fast in one process and slow in
/// the next): each runs <c>pinn bench &lt;subcommand&gt; --json FILE …</c> and its rows are read back.
/// </summary>
internal static class BenchProcesses
{
    /// <summary>The JSON rows of each process, in order.</summary>
    /// <param name="subcommand">The bench subcommand, e.g. <c>operators</c>.</param>
    /// <param name="arguments">The arguments process i (from 0) gets besides <c>bench SUBCOMMAND --json FILE</c>.</param>
    /// <exception cref="InvalidOperationException">A process failed or wrote no rows.</exception>
    public static IReadOnlyList<JsonArray> Run(int processes, string subcommand, Func<int, IEnumerable<string>> arguments, string directory, Action<string> progress)
    {
        Directory.CreateDirectory(directory);
        var result = new List<JsonArray>();
        for (var i = 0; i < processes; i++)
        {
            var file = Path.Combine(directory, $"process-{i + 1}.json");
            var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])[typeof(BenchProcesses).Assembly.Location, "bench", subcommand, "--json", file, .. arguments(i)]) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(file))
                throw new InvalidOperationException($"process {i + 1} of {processes} failed (exit code {process.ExitCode}): {error.Result.Trim()}");
            var rows = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
            result.Add(rows);
            progress($"process {i + 1}/{processes}: {rows.Count} measurements");
        }
        return result;
    }

    /// <summary>Writes a spread's rows as indented camel-case JSON, atomically.</summary>
    public static void WriteJson<T>(string file, IReadOnlyList<T> rows)
        => AtomicFile.WriteAllText(file, JsonSerializer.Serialize(rows, ReadableJson.Options(JsonNamingPolicy.CamelCase)) + "\n");

    /// <summary>The median of ascending <paramref name="sorted"/> values.</summary>
    public static double Median(double[] sorted)
        => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
}
