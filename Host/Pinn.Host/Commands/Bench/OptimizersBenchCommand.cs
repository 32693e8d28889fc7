using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinn.Abstractions.Models;
using Pinn.Host.Benchmarks;
using Pinn.Host.Training;
using Spectre.Console;
using static Pinn.Host.Commands.Bench.BenchConsole;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench optimizers [M…]</c>: manifests trained one after another and compared by accuracy against time;
/// <c>--suite kfac</c> and <c>--suite pinnacle</c> run the named lists.</summary>
internal static class OptimizersBenchCommand
{
    public static Command Create()
    {
        var manifests = new Argument<string[]>("manifests")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Manifest files (default: manifests/{poisson2d,heat1d}-<optimizer>.json for every optimizer, and "
                          + "manifests/poisson2d-adam-lbfgs.json; those not written yet are skipped)",
        };
        var seconds = new Option<double?>("--seconds") { Description = "Give every run this many seconds, shared by its stages in proportion to their seconds budgets" };
        var inits = new Option<string?>("--init") { Description = $"Run each manifest once per model.init in this comma-separated list ({string.Join(", ", InitializationNames.All)})" };
        var output = new Option<string?>("--out") { Description = "Folder for the runs (default runs/bench-optimizers-<timestamp>/)" };
        var json = new Option<string?>("--json") { Description = "Also write the records {manifest, optimizer, init, steps, finalRelL2, bestRelL2, loss, secondsPerStep, secondsTo} to this file" };
        var png = new Option<string?>("--png") { Description = "Chart of relative L2 error against time (default <out>/relative-l2.png)" };
        var threads = new Option<int>("--threads") { Description = "Torch threads for manifests that set none", DefaultValueFactory = _ => 2 };
        var weightings = new Option<string?>("--weighting")
        {
            Description = "Run each manifest once per loss-weighting scheme in this comma-separated list (e.g. \"fixed,grad-norm,relobralo\"), "
                          + "with the scheme's default options in place of the manifest's weighting",
        };
        var suite = new Option<string?>("--suite")
        {
            Description = "Run a named list instead of the default one: kfac (manifests/kfac/: the KFAC paper's problems and optimizers), "
                          + "pinnacle (every PINNacle problem with its default manifest, then PINNacle's Adam set-up from manifests/pinnacle/ "
                          + "for the same time, beside PINNacle's published L2RE)",
        };
        var problems = new Option<string?>("--problems")
        {
            Description = "With --suite pinnacle: only these problems, comma-separated (e.g. \"NS2d-C,HNd\"), to run the suite in parts",
        };
        var command = new Command("optimizers", "Train manifests one after another with their seeds and budgets, and compare accuracy against time")
        {
            manifests, seconds, inits, output, json, png, threads, suite, problems, weightings,
        };
        command.SetAction(result =>
        {
            var mistakes = new List<string>();
            var files = result.GetValue(manifests) is { Length: > 0 } given ? given : null;
            mistakes.AddRange((files ?? []).Where(f => !File.Exists(f)).Select(f => $"no manifest at {f}"));
            var suiteName = result.GetValue(suite);
            if (suiteName is not (null or "kfac" or "pinnacle")) mistakes.Add($"--suite: unknown '{suiteName}' (allowed: kfac, pinnacle)");
            if (suiteName is not null && files is not null) mistakes.Add("--suite and manifest files exclude each other");
            if (result.GetValue(seconds) is { } s && !(s > 0)) mistakes.Add($"--seconds {s}: must be > 0");
            if (result.GetValue(threads) < 1) mistakes.Add($"--threads {result.GetValue(threads)}: must be ≥ 1");
            CheckOutputFiles(mistakes, ("--json", result.GetValue(json)), ("--png", result.GetValue(png)));
            if (suiteName == "pinnacle")
            {
                foreach (var (option, value) in new[] { ("--init", result.GetValue(inits)), ("--weighting", result.GetValue(weightings)) })
                    if (value is not null) mistakes.Add($"{option} does not apply to --suite pinnacle");
                var pinnacle = PinnacleCases(result.GetValue(problems), mistakes);
                return mistakes.Count > 0 ? Refuse("optimizers", mistakes)
                    : Pinnacle(pinnacle, result.GetValue(seconds), result.GetValue(output), result.GetValue(json), result.GetValue(threads));
            }
            if (result.GetValue(problems) is not null) mistakes.Add("--problems needs --suite pinnacle");
            Initialization?[] initList = [null];
            if (result.GetValue(inits) is { } text)
            {
                var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var unknown = names.Where(n => InitializationNames.Parse(n) is null).ToArray();
                if (names.Length == 0 || unknown.Length > 0)
                    mistakes.Add($"--init: {(names.Length == 0 ? "no scheme named" : "unknown " + string.Join(", ", unknown.Select(n => $"'{n}'")))} "
                                 + $"(one or more of: {string.Join(", ", InitializationNames.All)}, separated by commas)");
                else initList = names.Select(InitializationNames.Parse).ToArray();
            }
            string?[] weightingList = [null];
            if (result.GetValue(weightings) is { } schemes)
            {
                weightingList = schemes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (weightingList.Length == 0) mistakes.Add("--weighting: name one or more weighting schemes, separated by commas");
            }
            if (suiteName == "kfac" && files is null)
            {
                files = OptimizerBenchmark.KfacSuite.ToArray();
                mistakes.AddRange(SuiteFilesMissing("kfac", files));
            }
            if (mistakes.Count > 0) return Refuse("optimizers", mistakes);
            if (files is null)
            {
                foreach (var skipped in OptimizerBenchmark.DefaultManifests.Where(f => !File.Exists(f)))
                    Console.Error.WriteLine($"bench optimizers: warning: skipping {skipped} (not found)");
                files = OptimizerBenchmark.DefaultManifests.Where(File.Exists).ToArray();
                if (files.Length == 0) return Refuse($"bench optimizers: none of the default manifests exists under {Environment.CurrentDirectory}");
            }
            var cases = new List<OptimizerBenchmarkCase>();
            foreach (var weighting in weightingList)
            {
                if (ValidatePlans(files, weighting is null ? null : text => WithWeighting(text, weighting)) is not { } plans) return ExitCodes.InvalidInput;
                cases.AddRange(plans.SelectMany(p => initList.Select(init => new OptimizerBenchmarkCase(p.File, p.Plan, init, weighting))));
            }
            var directory = RunsFolder(result.GetValue(output), "optimizers");
            var t = result.GetValue(threads);
            Console.Out.WriteLine($"bench optimizers: {cases.Count} run(s) into {directory}, "
                                  + (result.GetValue(seconds) is { } total ? $"{total} s each" : "the manifests' budgets")
                                  + $", {t} threads unless a manifest sets them, OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}");
            var benchmark = new OptimizerBenchmark(directory, result.GetValue(seconds), t);
            var records = ProgressDisplay.Run(interactive: true, Console.Out, progress => benchmark.Run(cases, progress, Console.Error.WriteLine).ToList());
            Print(records);
            if (result.GetValue(json) is { } jsonFile)
                WriteJson(jsonFile, records.Select(r => new
                {
                    manifest = r.Manifest, optimizer = r.Optimizer, init = r.Init, weighting = r.Weighting, steps = r.Steps, finalRelL2 = r.FinalRelL2, bestRelL2 = r.BestRelL2,
                    loss = r.Loss, secondsPerStep = r.SecondsPerStep, secondsTo = r.SecondsTo, stoppedBecause = r.StoppedBecause, output = r.OutputDirectory,
                }));
            var chart = result.GetValue(png) ?? Path.Combine(directory, "relative-l2.png");
            RelativeL2Chart.Save(chart, records.Select(r => (r.Label, r.Curve)).ToArray());
            Console.Out.WriteLine($"wrote {chart}");
            return records.Count == cases.Count ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>Manifest text with <c>"weighting": {"name": …}</c> in place of its own (text that is not a JSON object is
    /// left as it is, for the validator to report).</summary>
    private static string WithWeighting(string text, string weighting)
    {
        try
        {
            if (JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is not JsonObject root)
                return text;
            root["weighting"] = new JsonObject { ["name"] = weighting };
            return root.ToJsonString();
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>The PINNacle problems <c>--problems</c> names (all without it), each mistake added to <paramref name="mistakes"/>.</summary>
    private static IReadOnlyList<PinnacleCase> PinnacleCases(string? only, List<string> mistakes)
    {
        IReadOnlyList<PinnacleCase> cases = PinnacleBenchmark.Cases;
        if (only is not null)
        {
            var names = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = names.Where(n => !cases.Any(c => string.Equals(c.Problem, n, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (names.Length == 0 || unknown.Length > 0)
                mistakes.Add($"--problems: {(names.Length == 0 ? "no problem named" : "unknown " + string.Join(", ", unknown.Select(n => $"'{n}'")))} "
                             + $"(allowed: {string.Join(", ", cases.Select(c => c.Problem))}, separated by commas)");
            cases = cases.Where(c => names.Contains(c.Problem, StringComparer.OrdinalIgnoreCase)).ToArray();
        }
        mistakes.AddRange(SuiteFilesMissing("pinnacle", cases.SelectMany(c => new[] { c.Manifest, c.AdamManifest }).ToArray()));
        return cases;
    }

    /// <summary>The suite's manifests that are not there: each by name, or one line when none is (the command was not
    /// run from the repository root).</summary>
    private static IEnumerable<string> SuiteFilesMissing(string suite, IReadOnlyList<string> files)
    {
        var missing = files.Where(f => !File.Exists(f)).ToArray();
        return missing.Length == files.Count && files.Count > 1
            ? [$"--suite {suite}: none of its manifests is under {Environment.CurrentDirectory} (run from the repository root)"]
            : missing.Select(f => $"no manifest at {f} (run from the repository root)");
    }

    /// <summary><c>--suite pinnacle</c>: our default manifest and PINNacle's Adam set-up per problem, and the table.</summary>
    private static int Pinnacle(IReadOnlyList<PinnacleCase> cases, double? seconds, string? output, string? json, int threads)
    {
        if (ValidatePlans(cases.SelectMany(c => new[] { c.Manifest, c.AdamManifest })) is not { } plans) return ExitCodes.InvalidInput;
        var pairs = cases.Select((c, i) => (c, plans[2 * i].Plan, plans[2 * i + 1].Plan)).ToArray();
        var directory = RunsFolder(output, "pinnacle");
        Console.Out.WriteLine($"bench optimizers --suite pinnacle: {cases.Count} problems into {directory}, "
                              + (seconds is { } total ? $"{total} s" : "the default manifests' budgets") + " each, then PINNacle's Adam set-up for as long");
        var benchmark = new PinnacleBenchmark(directory, seconds, threads);
        var results = ProgressDisplay.Run(interactive: true, Console.Out, progress => benchmark.Run(pairs, progress, Console.Error.WriteLine).ToList());
        var table = new Table().AddColumns("problem", "PINNacle PINN", "PINNacle best", "target", "PINNacle set-up, same time", "ours", "s", "optimizer", "holds");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Case.Problem), r.Case.Vanilla, Markup.Escape(r.Case.Best), E(r.Case.Target), E(r.Adam?.FinalRelL2), E(r.Ours?.FinalRelL2),
                         r.Ours is { } o ? o.Seconds.ToString("F0", CultureInfo.InvariantCulture) : "—", Markup.Escape(r.Ours?.Optimizer ?? "—"),
                         r.Holds switch { true => "yes", false => "no", null => "—" });
        Show(table, 180);
        if (json is not null)
            WriteJson(json, results.Select(r => new
            {
                problem = r.Case.Problem, pinnaclePinn = r.Case.Vanilla, pinnacleBest = r.Case.Best, target = r.Case.Target,
                ours = r.Ours?.FinalRelL2, oursBest = r.Ours?.BestRelL2, seconds = r.Ours?.Seconds, optimizer = r.Ours?.Optimizer, steps = r.Ours?.Steps,
                stoppedBecause = r.Ours?.StoppedBecause, pinnacleSetup = r.Adam?.FinalRelL2, pinnacleSetupSteps = r.Adam?.Steps, holds = r.Holds,
                output = r.Ours?.OutputDirectory, pinnacleSetupOutput = r.Adam?.OutputDirectory,
            }));
        return results.All(r => r.Ours is not null && r.Adam is not null) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Print(IReadOnlyList<OptimizerBenchmarkResult> records)
    {
        var table = new Table().AddColumns("manifest", "optimizer", "init", "weighting", "steps", "final relL2", "best relL2");
        foreach (var (name, _) in OptimizerBenchmark.Thresholds) table.AddColumn($"s to {name}");
        table.AddColumns("final loss", "ms/step");
        foreach (var r in records)
        {
            var cells = new List<string> { Markup.Escape(r.Manifest), Markup.Escape(r.Optimizer), r.Init, Markup.Escape(r.Weighting), r.Steps.ToString(CultureInfo.InvariantCulture), E(r.FinalRelL2), E(r.BestRelL2) };
            cells.AddRange(OptimizerBenchmark.Thresholds.Select(t => r.SecondsTo[t.Name] is { } sec ? sec.ToString("F2", CultureInfo.InvariantCulture) : "—"));
            cells.Add(E(r.Loss));
            cells.Add(F(1000 * r.SecondsPerStep));
            table.AddRow(cells.ToArray());
        }
        Show(table, 160);
    }
}
