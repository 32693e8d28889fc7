using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Pinn.Host.Benchmarks;
using Pinn.Host.Training;
using Spectre.Console;
using static Pinn.Host.Commands.Bench.BenchConsole;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench problems [M…]</c>: every problem's default manifest beside the published figures.</summary>
internal static class ProblemsBenchCommand
{
    public static Command Create()
    {
        var manifests = new Argument<string[]>("manifests")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Manifest files (default: manifests/<problem>.json for every problem of the suite)",
        };
        var seconds = new Option<double>("--seconds") { Description = "Seconds per run, shared by its stages", DefaultValueFactory = _ => ProblemBenchmark.DefaultSeconds };
        var output = new Option<string?>("--out") { Description = "Folder for the runs (default runs/bench-problems-<timestamp>/)" };
        var json = new Option<string?>("--json") { Description = "Also write the records {problem, manifest, optimizer, steps, finalRelL2, bestRelL2, loss, secondsPerStep, published} to this file" };
        var threads = new Option<int>("--threads") { Description = "Torch threads for manifests that set none", DefaultValueFactory = _ => 2 };
        var optimizer = new Option<string?>("--optimizer")
        {
            Description = "Replace every manifest's optimizer stages by one stage of this optimizer with its default options (same network, engine and points)",
        };
        var optimizerOptions = new Option<string?>("--optimizer-options") { Description = "With --optimizer: its options as a JSON object, e.g. '{\"fallback\": \"stop\"}'" };
        var command = new Command("problems", "Run every problem's default manifest for a short budget and print its error beside the published figures")
        {
            manifests, seconds, output, json, threads, optimizer, optimizerOptions,
        };
        command.SetAction(result =>
        {
            var files = result.GetValue(manifests) is { Length: > 0 } given ? given : ProblemBenchmark.DefaultManifests.ToArray();
            var mistakes = files.Where(f => !File.Exists(f)).Select(f => $"no manifest at {f} (run from the repository root)").ToList();
            if (!(result.GetValue(seconds) > 0)) mistakes.Add($"--seconds {result.GetValue(seconds)}: must be > 0");
            if (result.GetValue(threads) < 1) mistakes.Add($"--threads {result.GetValue(threads)}: must be ≥ 1");
            CheckOutputFiles(mistakes, ("--json", result.GetValue(json)));
            var replacement = result.GetValue(optimizer);
            JsonObject? replacementOptions = null;
            if (result.GetValue(optimizerOptions) is { } optionsText)
            {
                replacementOptions = OptimizerOverride.ParseOptions(optionsText);
                if (replacement is null) mistakes.Add("--optimizer-options needs --optimizer");
                if (replacementOptions is null) mistakes.Add($"--optimizer-options: not a JSON object: {optionsText}");
            }
            if (mistakes.Count > 0) return Refuse("problems", mistakes);
            Func<string, string>? rewrite = replacement is null ? null : text => OptimizerOverride.Apply(text, replacement, replacementOptions, result.GetValue(seconds));
            if (ValidatePlans(files, rewrite) is not { } plans) return ExitCodes.InvalidInput;

            var directory = RunsFolder(result.GetValue(output), "problems");
            Console.Out.WriteLine($"bench problems: {plans.Count} run(s) into {directory}, {result.GetValue(seconds)} s each");
            var cases = plans.Select(p => new OptimizerBenchmarkCase(p.File, p.Plan, null)).ToArray();
            var benchmark = new OptimizerBenchmark(directory, result.GetValue(seconds), result.GetValue(threads));
            var records = ProgressDisplay.Run(interactive: true, Console.Out, progress => benchmark.Run(cases, progress, Console.Error.WriteLine).ToList());
            var problemOf = plans.ToDictionary(p => p.Plan.Manifest.Name, p => p.Plan.Manifest.Problem?.Name ?? "?");
            PrintProblems(records, problemOf);
            if (result.GetValue(json) is { } jsonFile)
                WriteJson(jsonFile, records.Select(r => new
                {
                    problem = problemOf[r.Manifest], manifest = r.Manifest, optimizer = r.Optimizer, steps = r.Steps, finalRelL2 = r.FinalRelL2,
                    bestRelL2 = r.BestRelL2, loss = r.Loss, secondsPerStep = r.SecondsPerStep, stoppedBecause = r.StoppedBecause, problemReport = r.Problem,
                    published = ProblemBenchmark.PublishedFor(r.Manifest),
                }));
            return records.Count == cases.Length ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static void PrintProblems(IReadOnlyList<OptimizerBenchmarkResult> records, IReadOnlyDictionary<string, string> problemOf)
    {
        var table = new Table().AddColumns("manifest", "problem", "optimizer", "steps", "final relL2", "best relL2", "final loss", "ms/step", "stopped because", "problem report", "published relL2");
        foreach (var r in records)
        {
            var figures = ProblemBenchmark.PublishedFor(r.Manifest);
            var published = figures.Count > 0 ? string.Join("; ", figures.Select(f => $"{f.Source}: {f.RelativeL2}")) : "—";
            table.AddRow(Markup.Escape(r.Manifest), Markup.Escape(problemOf[r.Manifest]), Markup.Escape(r.Optimizer), r.Steps.ToString(CultureInfo.InvariantCulture),
                         E(r.FinalRelL2), E(r.BestRelL2), E(r.Loss), F(1000 * r.SecondsPerStep), Markup.Escape(r.StoppedBecause ?? "—"),
                         r.Problem.Count == 0 ? "—" : string.Join(", ", r.Problem.Select(kv => $"{kv.Key} {E(kv.Value)}")), Markup.Escape(published));
        }
        Show(table, 200);
    }
}
