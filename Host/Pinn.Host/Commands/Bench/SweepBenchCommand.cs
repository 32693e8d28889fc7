using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Host.Benchmarks;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using static Pinn.Host.Commands.Bench.BenchConsole;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench sweep</c>: a sweep with one worker per core against the same runs back to back.</summary>
internal static class SweepBenchCommand
{
    public static Command Create()
    {
        var manifest = new Option<string>("--manifest") { Description = "The runs' manifest", DefaultValueFactory = _ => "manifests/poisson2d-adam.json" };
        var steps = new Option<int>("--steps") { Description = "Steps of each run (its budget; the manifest's seconds are dropped)", DefaultValueFactory = _ => 3000 };
        var runs = new Option<int>("--runs") { Description = "Runs in the sweep (seeds 0 … runs − 1)", DefaultValueFactory = _ => 8 };
        var repetitions = new Option<int>("--repetitions") { Description = "Times the pair is measured, alternating which goes first", DefaultValueFactory = _ => 3 };
        var output = new Option<string?>("--out") { Description = "Folder for the sweeps (default runs/bench-sweep-<timestamp>/)" };
        var json = new Option<string?>("--json") { Description = "Also write the repetitions and the median, min and max ratio to this file" };
        var command = new Command("sweep", "Wall time of a sweep of short runs with one worker per core against the same runs back to back with all cores each")
        {
            manifest, steps, runs, repetitions, output, json,
        };
        command.SetAction(result =>
        {
            var mistakes = new List<string>();
            if (result.GetValue(steps) < 1) mistakes.Add($"--steps {result.GetValue(steps)}: must be ≥ 1");
            if (result.GetValue(runs) < 2) mistakes.Add($"--runs {result.GetValue(runs)}: must be ≥ 2");
            if (result.GetValue(repetitions) < 1) mistakes.Add($"--repetitions {result.GetValue(repetitions)}: must be ≥ 1");
            var source = result.GetValue(manifest)!;
            if (!File.Exists(source)) mistakes.Add($"--manifest: file not found: {source}");
            CheckOutputFiles(mistakes, ("--json", result.GetValue(json)));
            if (mistakes.Count > 0) return Refuse("sweep", mistakes);
            // The user's file is checked here, so that its mistakes name it rather than the sweep's copy.
            if (!ValidateCommand.TryPlan(source, out _)) return ExitCodes.InvalidInput;
            var directory = Path.GetFullPath(RunsFolder(result.GetValue(output), "sweep"));
            Directory.CreateDirectory(directory);
            // The base: the manifest with a budget of steps only, so that both ways do the same work.
            var node = JsonNode.Parse(File.ReadAllText(source), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
            node["budget"] = new JsonObject { ["steps"] = result.GetValue(steps) };
            node.Remove("threads");
            var baseFile = Path.Combine(directory, "base.json");
            AtomicFile.WriteAllText(baseFile, node.ToJsonString());
            var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory));
            var benchmark = new SweepBenchmark(catalog, directory, baseFile, result.GetValue(runs));
            IReadOnlyList<SweepBenchmark.Repetition> rows;
            try
            {
                rows = benchmark.Run(result.GetValue(repetitions), line => Console.Out.WriteLine(line));
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"bench sweep: {e.Message}");
                return ExitCodes.Failed;
            }
            var ratios = rows.Select(r => r.Ratio).Order().ToArray();
            Console.Out.WriteLine($"{result.GetValue(runs)} runs of {source} ({result.GetValue(steps)} steps): one worker per core / back to back with "
                                  + $"{Environment.ProcessorCount} threads each = {ratios[ratios.Length / 2]:F2} (median of {ratios.Length}; "
                                  + $"{ratios[0]:F2} … {ratios[^1]:F2}); target ≤ 1.2");
            if (result.GetValue(json) is { } file)
            {
                SweepBenchmark.WriteJson(file, source, result.GetValue(runs), rows);
                Console.Out.WriteLine($"wrote {file}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
