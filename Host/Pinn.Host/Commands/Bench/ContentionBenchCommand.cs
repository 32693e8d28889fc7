using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pinn.Host.Benchmarks;
using Pinn.Host.Training;
using Spectre.Console;
using static Pinn.Host.Commands.Bench.BenchConsole;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench contention</c>: ms per step of a run alone and beside a second one, under each OpenMP wait policy.</summary>
internal static class ContentionBenchCommand
{
    public static Command Create()
    {
        var manifest = new Option<string>("--manifest") { Description = "The runs' manifest (one optimizer; its threads as it sets them)", DefaultValueFactory = _ => "manifests/poisson2d-adam.json" };
        var seconds = new Option<double>("--seconds") { Description = "Training seconds of each run", DefaultValueFactory = _ => 10 };
        var repeats = new Option<int>("--repeats") { Description = "Times each policy's alone and pair are measured (medians reported)", DefaultValueFactory = _ => 3 };
        var policies = new Option<string?>("--policies")
        {
            Description = $"Comma-separated policies (default all: {string.Join(", ", ContentionBenchmark.Policies.Select(p => p.Name))})",
        };
        var output = new Option<string?>("--out") { Description = "Folder for the runs (default runs/bench-contention-<timestamp>/)" };
        var json = new Option<string?>("--json") { Description = "Also write the rows (with every repeat) to this file" };
        var command = new Command("contention", "ms per step of a training run alone and beside a second one on the same cores, under each OpenMP wait policy")
        {
            manifest, seconds, repeats, policies, output, json,
        };
        command.SetAction(result =>
        {
            var mistakes = new List<string>();
            if (!(result.GetValue(seconds) is > 0 and <= 3600)) mistakes.Add($"--seconds {result.GetValue(seconds)}: must be > 0 and ≤ 3600");
            if (result.GetValue(repeats) < 1) mistakes.Add($"--repeats {result.GetValue(repeats)}: must be ≥ 1");
            var allowed = string.Join(", ", ContentionBenchmark.Policies.Select(p => p.Name));
            var names = result.GetValue(policies)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var chosen = names is null ? ContentionBenchmark.Policies : ContentionBenchmark.Policies.Where(p => names.Contains(p.Name)).ToArray();
            var unknown = (names ?? []).Where(n => ContentionBenchmark.Policies.All(p => p.Name != n)).ToArray();
            if (unknown.Length > 0) mistakes.Add($"--policies: unknown {string.Join(", ", unknown.Select(n => $"'{n}'"))} (allowed: {allowed})");
            else if (chosen.Count == 0) mistakes.Add($"--policies: name one or more of {allowed}");
            var source = result.GetValue(manifest)!;
            if (!File.Exists(source)) mistakes.Add($"--manifest: file not found: {source}");
            CheckOutputFiles(mistakes, ("--json", result.GetValue(json)));
            if (mistakes.Count > 0) return Refuse("contention", mistakes);
            // The user's file is checked here, so that its mistakes name it rather than the runs' copy.
            if (!ValidateCommand.TryPlan(source, out var plan)) return ExitCodes.InvalidInput;
            if (plan!.Stages.Count > 1) return Refuse($"bench contention: {source}: the runs time one optimizer; give a manifest without stages");
            var directory = Path.GetFullPath(RunsFolder(result.GetValue(output), "contention"));
            Console.Out.WriteLine($"bench contention: {source}, {result.GetValue(seconds):G} s per run, {result.GetValue(repeats)} repeats, "
                                  + $"{Environment.ProcessorCount} cores; ms per step alone and beside a second run (the slower of the two), medians");
            IReadOnlyList<ContentionBenchmark.Row> rows;
            try
            {
                rows = new ContentionBenchmark(source, result.GetValue(seconds), result.GetValue(repeats), directory)
                    .Run(chosen, line => Console.Error.WriteLine("  " + line));
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"bench contention: {e.Message}");
                return ExitCodes.Failed;
            }
            var table = new Table().AddColumns("policy", "what it is", "ms/step alone", "ms/step beside another", "× slower beside", "alone runs", "beside runs");
            foreach (var row in rows)
                table.AddRow(row.Policy, row.Description, F(row.AloneMs), F(row.PairMs), row.Ratio.ToString("F2", CultureInfo.InvariantCulture),
                             string.Join(" ", row.AloneRuns.Select(F)), string.Join(" ", row.PairRuns.Select(F)));
            Show(table, 200);
            Console.Out.WriteLine("targets: pinn alone no slower than fixed alone; pinn beside another within 2.5× of alone");
            if (result.GetValue(json) is { } file)
            {
                AtomicFile.WriteAllText(file, System.Text.Json.JsonSerializer.Serialize(new { manifest = source, seconds = result.GetValue(seconds), rows },
                    ReadableJson.Options()) + "\n");
                Console.Out.WriteLine($"wrote {file}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
