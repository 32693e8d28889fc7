using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Pinn.Abstractions.Models;
using Pinn.Host.Benchmarks;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Spectre.Console;
using TorchSharp;

namespace Pinn.Host.Commands;

/// <summary><c>pinn bench …</c>: speed and accuracy benchmarks, reported as ratios measured in one run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks (run them with nothing else busy on the machine)");
        bench.Subcommands.Add(Operators());
        bench.Subcommands.Add(Optimizers());
        bench.Subcommands.Add(Problems());
        bench.Subcommands.Add(KfacStep());
        bench.Subcommands.Add(Chart());
        bench.Subcommands.Add(Serve());
        bench.Subcommands.Add(Sweep());
        bench.Subcommands.Add(Contention());
        return bench;
    }

    private static Command Chart()
    {
        var runs = new Argument<string[]>("runs") { Arity = ArgumentArity.OneOrMore, Description = "Run folders (each with metrics.csv and summary.json)" };
        var output = new Option<string>("--out") { Description = "The PNG to write", Required = true };
        var title = new Option<string?>("--title") { Description = "Chart title (default: relative L2 error against training time)" };
        var command = new Command("chart", "Draw the relative L2 error against time of finished runs, e.g. runs of several bench invocations in one chart")
        {
            runs, output, title,
        };
        command.SetAction(result =>
        {
            var curves = new List<(string, RelativeL2Curve)>();
            foreach (var folder in result.GetValue(runs)!)
            {
                var metrics = Path.Combine(folder, "metrics.csv");
                var summaryFile = Path.Combine(folder, "summary.json");
                if (!File.Exists(metrics) || !File.Exists(summaryFile))
                {
                    Console.Error.WriteLine($"bench chart: {folder}: expected a run folder with metrics.csv and summary.json");
                    return ExitCodes.InvalidInput;
                }
                using var summary = JsonDocument.Parse(File.ReadAllText(summaryFile));
                var root = summary.RootElement;
                double? final = root.TryGetProperty("relL2", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
                curves.Add((Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), RelativeL2Curve.Read(metrics, root.GetProperty("seconds").GetDouble(), final)));
            }
            var file = result.GetValue(output)!;
            RelativeL2Chart.Save(file, curves, title: result.GetValue(title));
            Console.Out.WriteLine($"wrote {file}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Optimizers()
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
            var files = result.GetValue(manifests) is { Length: > 0 } given ? given : null;
            if (files?.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                Console.Error.WriteLine($"bench optimizers: no manifest at {missing}");
                return ExitCodes.InvalidInput;
            }
            if (result.GetValue(suite) is { } suiteName)
            {
                if (suiteName is not ("kfac" or "pinnacle") || files is not null)
                {
                    Console.Error.WriteLine(files is not null ? "bench optimizers: --suite and manifest files exclude each other"
                                                              : $"bench optimizers: --suite: unknown '{suiteName}' (allowed: kfac, pinnacle)");
                    return ExitCodes.InvalidInput;
                }
                if (suiteName == "pinnacle")
                    return result.GetValue(inits) is not null || result.GetValue(weightings) is not null
                        ? Refuse($"bench optimizers: {(result.GetValue(inits) is not null ? "--init" : "--weighting")} does not apply to --suite pinnacle")
                        : Pinnacle(result.GetValue(problems), result.GetValue(seconds), result.GetValue(output), result.GetValue(json), result.GetValue(threads));
                files = OptimizerBenchmark.KfacSuite.ToArray();
                if (files.FirstOrDefault(f => !File.Exists(f)) is { } absent)
                {
                    Console.Error.WriteLine($"bench optimizers: no manifest at {absent} (run from the repository root)");
                    return ExitCodes.InvalidInput;
                }
            }
            if (result.GetValue(problems) is not null) return Refuse("bench optimizers: --problems needs --suite pinnacle");
            if (files is null)
            {
                foreach (var skipped in OptimizerBenchmark.DefaultManifests.Where(f => !File.Exists(f)))
                    Console.Error.WriteLine($"bench optimizers: warning: skipping {skipped} (not found)");
                files = OptimizerBenchmark.DefaultManifests.Where(File.Exists).ToArray();
                if (files.Length == 0)
                {
                    Console.Error.WriteLine($"bench optimizers: none of the default manifests exists under {Environment.CurrentDirectory}");
                    return ExitCodes.InvalidInput;
                }
            }
            if (result.GetValue(seconds) is { } s && !(s > 0) || result.GetValue(threads) < 1)
            {
                Console.Error.WriteLine("bench optimizers: --seconds must be > 0 and --threads ≥ 1");
                return ExitCodes.InvalidInput;
            }
            Initialization?[] initList = [null];
            if (result.GetValue(inits) is { } text)
            {
                var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (names.Length == 0 || names.FirstOrDefault(n => InitializationNames.Parse(n) is null) is { } unknown)
                {
                    Console.Error.WriteLine($"bench optimizers: --init: unknown '{text}' (one or more of: {string.Join(", ", InitializationNames.All)}, separated by commas)");
                    return ExitCodes.InvalidInput;
                }
                initList = names.Select(InitializationNames.Parse).ToArray();
            }

            string?[] weightingList = [null];
            if (result.GetValue(weightings) is { } schemes)
            {
                weightingList = schemes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (weightingList.Length == 0) return Refuse("bench optimizers: --weighting: name one or more weighting schemes, separated by commas");
            }
            var cases = new List<OptimizerBenchmarkCase>();
            foreach (var weighting in weightingList)
            {
                if (ValidatePlans(files, weighting is null ? null : text => WithWeighting(text, weighting)) is not { } plans) return ExitCodes.InvalidInput;
                cases.AddRange(plans.SelectMany(p => initList.Select(init => new OptimizerBenchmarkCase(p.File, p.Plan, init, weighting))));
            }
            var directory = result.GetValue(output)
                            ?? Path.Combine("runs", "bench-optimizers-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
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

    private static int Refuse(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.InvalidInput;
    }

    /// <summary><c>--suite pinnacle</c>: our default manifest and PINNacle's Adam set-up per problem, and the table.</summary>
    private static int Pinnacle(string? only, double? seconds, string? output, string? json, int threads)
    {
        if (seconds is { } s && !(s > 0) || threads < 1) return Refuse("bench optimizers: --seconds must be > 0 and --threads ≥ 1");
        IReadOnlyList<PinnacleCase> cases = PinnacleBenchmark.Cases;
        if (only is not null)
        {
            var names = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = names.Where(n => !cases.Any(c => string.Equals(c.Problem, n, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (names.Length == 0 || unknown.Length > 0)
                return Refuse($"bench optimizers: --problems: {(names.Length == 0 ? "no problem named" : "unknown " + string.Join(", ", unknown.Select(n => $"'{n}'")))} "
                              + $"(allowed: {string.Join(", ", cases.Select(c => c.Problem))}, separated by commas)");
            cases = cases.Where(c => names.Contains(c.Problem, StringComparer.OrdinalIgnoreCase)).ToArray();
        }
        if (cases.SelectMany(c => new[] { c.Manifest, c.AdamManifest }).FirstOrDefault(f => !File.Exists(f)) is { } absent)
            return Refuse($"bench optimizers: no manifest at {absent} (run from the repository root)");
        if (ValidatePlans(cases.SelectMany(c => new[] { c.Manifest, c.AdamManifest })) is not { } plans) return ExitCodes.InvalidInput;
        var pairs = cases.Select((c, i) => (c, plans[2 * i].Plan, plans[2 * i + 1].Plan)).ToArray();
        var directory = output ?? Path.Combine("runs", "bench-pinnacle-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Console.Out.WriteLine($"bench optimizers --suite pinnacle: {cases.Count} problems into {directory}, "
                              + (seconds is { } total ? $"{total} s" : "the default manifests' budgets") + " each, then PINNacle's Adam set-up for as long");
        var benchmark = new PinnacleBenchmark(directory, seconds, threads);
        var results = ProgressDisplay.Run(interactive: true, Console.Out, progress => benchmark.Run(pairs, progress, Console.Error.WriteLine).ToList());
        var table = new Table().AddColumns("problem", "PINNacle PINN", "PINNacle best", "target", "PINNacle set-up, same time", "ours", "s", "optimizer", "holds");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Case.Problem), r.Case.Vanilla, Markup.Escape(r.Case.Best), E(r.Case.Target), E(r.Adam?.FinalRelL2), E(r.Ours?.FinalRelL2),
                         r.Ours is { } o ? o.Seconds.ToString("F0", CultureInfo.InvariantCulture) : "—", Markup.Escape(r.Ours?.Optimizer ?? "—"),
                         r.Holds switch { true => "yes", false => "no", null => "—" });
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 180);
        AnsiConsole.Write(table);
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

    /// <summary>Each manifest validated against the plugins found from the working folder; null (errors printed) when any is invalid.</summary>
    /// <param name="rewrite">Applied to each manifest's text before it is checked (messages still name the file).</param>
    private static List<(string File, RunPlan Plan)>? ValidatePlans(IEnumerable<string> files, Func<string, string>? rewrite = null)
    {
        var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory));
        var plans = new List<(string File, RunPlan Plan)>();
        var invalid = false;
        foreach (var file in files)
        {
            try
            {
                plans.Add((file, rewrite is null
                    ? ManifestValidator.Validate(file, catalog, ValidateCommand.CacheDirectory())
                    : ManifestValidator.ValidateText(rewrite(File.ReadAllText(file)), file, catalog, ValidateCommand.CacheDirectory())));
            }
            catch (ManifestException e)
            {
                Console.Error.WriteLine(e.Message);
                invalid = true;
            }
        }
        return invalid ? null : plans;
    }

    private static void WriteJson<T>(string file, IEnumerable<T> rows)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        File.WriteAllText(file, JsonSerializer.Serialize(rows, options));
        Console.Out.WriteLine($"wrote {file}");
    }

    private static Command Serve()
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds per case (network × points × clients)", DefaultValueFactory = _ => 5 };
        var soak = new Option<double>("--soak") { Description = "Seconds of the memory soak at 64 clients", DefaultValueFactory = _ => 60 };
        var output = new Option<string?>("--out") { Description = "Folder for the served runs (default runs/bench-serve-<timestamp>/)" };
        var json = new Option<string?>("--json") { Description = "Also write the rows and the soak to this file" };
        var threads = new Option<int>("--threads") { Description = "Torch threads of the server", DefaultValueFactory = _ => 2 };
        var command = new Command("serve", "Throughput and p50/p99 latency of pinn serve on loopback: 1, 100 and 10 000 points from 1, 8 and 64 clients, two networks; then a memory soak")
        {
            seconds, soak, output, json, threads,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(seconds) is not (>= 0.5 and <= 3600) || result.GetValue(soak) is not (>= 1 and <= 86400) || result.GetValue(threads) < 1)
                return Refuse("bench serve: --seconds must be between 0.5 and 3600, --soak between 1 and 86400, --threads ≥ 1");
            var directory = result.GetValue(output)
                            ?? Path.Combine("runs", "bench-serve-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory));
            var benchmark = new ServeBenchmark(catalog, directory, result.GetValue(threads));
            var (rows, memory) = ProgressDisplay.Run(interactive: true, Console.Out, progress => benchmark.Run(result.GetValue(seconds), result.GetValue(soak), progress));
            var table = new Table().AddColumns("network", "D", "points", "clients", "requests", "errors", "requests/s", "points/s", "p50 ms", "p99 ms");
            foreach (var r in rows)
                table.AddRow(r.Network, r.ParameterCount.ToString(CultureInfo.InvariantCulture), r.Points.ToString(CultureInfo.InvariantCulture),
                             r.Clients.ToString(CultureInfo.InvariantCulture), r.Requests.ToString(CultureInfo.InvariantCulture), r.Errors.ToString(CultureInfo.InvariantCulture),
                             r.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture), r.PointsPerSecond.ToString("E2", CultureInfo.InvariantCulture),
                             r.P50Milliseconds.ToString("F2", CultureInfo.InvariantCulture), r.P99Milliseconds.ToString("F2", CultureInfo.InvariantCulture));
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
            AnsiConsole.Write(table);
            Console.Out.WriteLine($"soak: {memory.Network}, {memory.Points} points, {memory.Clients} clients, {memory.Seconds:F0} s: {memory.Requests} requests, "
                                  + $"{memory.Errors} errors; server memory {memory.StartMebibytes:F0} MiB at the start, {memory.EndMebibytes:F0} MiB at the end, "
                                  + $"{memory.PeakMebibytes:F0} MiB at most");
            if (result.GetValue(json) is { } file)
            {
                ServeBenchmark.WriteJson(file, rows, memory);
                Console.Out.WriteLine($"wrote {file}");
            }
            return rows.Any(r => r.Errors > 0) || memory.Errors > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Contention()
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
            if (!(result.GetValue(seconds) is > 0 and <= 3600) || result.GetValue(repeats) < 1)
                return Refuse("bench contention: --seconds between 0 and 3600, --repeats ≥ 1");
            var names = result.GetValue(policies)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var chosen = names is null ? ContentionBenchmark.Policies : ContentionBenchmark.Policies.Where(p => names.Contains(p.Name)).ToArray();
            if (names is not null && names.FirstOrDefault(n => ContentionBenchmark.Policies.All(p => p.Name != n)) is { } unknown || chosen.Count == 0)
                return Refuse($"bench contention: --policies: name one or more of {string.Join(", ", ContentionBenchmark.Policies.Select(p => p.Name))}");
            var source = result.GetValue(manifest)!;
            if (!File.Exists(source)) return Refuse($"bench contention: --manifest: file not found: {source}");
            // The user's file is checked here, so that its mistakes name it rather than the runs' copy.
            if (!ValidateCommand.TryPlan(source, out var plan)) return ExitCodes.InvalidInput;
            if (plan!.Stages.Count > 1) return Refuse($"bench contention: {source}: the runs time one optimizer; give a manifest without stages");
            var directory = Path.GetFullPath(result.GetValue(output)
                            ?? Path.Combine("runs", "bench-contention-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
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
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
            AnsiConsole.Write(table);
            Console.Out.WriteLine("targets: pinn alone no slower than fixed alone; pinn beside another within 2.5× of alone");
            if (result.GetValue(json) is { } file)
            {
                AtomicFile.WriteAllText(file, System.Text.Json.JsonSerializer.Serialize(new { manifest = source, seconds = result.GetValue(seconds), rows },
                    new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
                Console.Out.WriteLine($"wrote {file}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Sweep()
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
            if (result.GetValue(steps) < 1 || result.GetValue(runs) < 2 || result.GetValue(repetitions) < 1)
                return Refuse("bench sweep: --steps ≥ 1, --runs ≥ 2 and --repetitions ≥ 1");
            var directory = Path.GetFullPath(result.GetValue(output)
                            ?? Path.Combine("runs", "bench-sweep-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
            Directory.CreateDirectory(directory);
            // The base: the manifest with a budget of steps only, so that both ways do the same work.
            var source = result.GetValue(manifest)!;
            if (!File.Exists(source)) return Refuse($"bench sweep: --manifest: file not found: {source}");
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(source))!.AsObject();
            node["budget"] = new System.Text.Json.Nodes.JsonObject { ["steps"] = result.GetValue(steps) };
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

    private static Command KfacStep()
    {
        var steps = new Option<int>("--steps") { Description = "Steps per optimizer and network (the median is over them)", DefaultValueFactory = _ => 12 };
        var largeEngdSteps = new Option<int>("--large-engd-steps") { Description = "Steps of engd on the largest network (each takes seconds)", DefaultValueFactory = _ => 4 };
        var output = new Option<string?>("--out") { Description = "Folder for the runs (default runs/bench-kfac-step-<timestamp>/)" };
        var json = new Option<string?>("--json") { Description = "Also write the rows {network, parameterCount, optimizer, steps, medianMilliseconds, …, ratioVsAdam, peakMebibytes} to this file" };
        var threads = new Option<int>("--threads") { Description = "Torch threads", DefaultValueFactory = _ => 2 };
        var networks = new Option<string[]>("--network")
        {
            Description = "Hidden widths of a network to measure, e.g. 256-256-128-128 (repeatable; default: 64, 64-64-48-48 and 256-256-128-128)",
            AllowMultipleArgumentsPerToken = false,
        };
        var optimizers = new Option<string?>("--optimizers")
        {
            Description = $"Only these optimizers, comma-separated (default: all of {string.Join(", ", KfacStepBenchmark.Optimizers)}; ratios need adam)",
        };
        var processes = new Option<int>("--processes")
        {
            Description = "Run the benchmark in this many fresh processes one after another and report, per network and optimizer, the median over "
                          + "processes of each process's median and ratio to Adam, and their min–max over processes",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("kfac-step", "Median time and peak memory of one step of adam, kfac, kfac-star and engd on poisson2d at D = 257, 9873 and 116097")
        {
            steps, largeEngdSteps, output, json, threads, networks, optimizers, processes,
        };
        command.SetAction(result =>
        {
            var errors = new List<string>();
            if (result.GetValue(steps) < 3 || result.GetValue(largeEngdSteps) < 1 || result.GetValue(threads) < 1 || result.GetValue(processes) < 1)
                errors.Add("--steps must be ≥ 3, --large-engd-steps, --threads and --processes ≥ 1");
            var hidden = new List<int[]>();
            foreach (var text in result.GetValue(networks) ?? [])
            {
                var widths = text.Split('-').Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1).ToArray();
                if (widths.Any(w => w < 0)) errors.Add($"--network '{text}' must be positive widths joined by '-', e.g. 256-256-128-128");
                else hidden.Add(widths);
            }
            var chosen = result.GetValue(optimizers)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in (chosen ?? []).Where(n => !KfacStepBenchmark.Optimizers.Contains(n)))
                errors.Add($"--optimizers: unknown optimizer '{name}' (allowed: {string.Join(", ", KfacStepBenchmark.Optimizers)})");
            if (chosen is { Length: 0 }) errors.Add($"--optimizers: name at least one of {string.Join(", ", KfacStepBenchmark.Optimizers)}");
            if (errors.Count > 0)
            {
                foreach (var error in errors) Console.Error.WriteLine($"bench kfac-step: {error}");
                return ExitCodes.InvalidInput;
            }
            if (result.GetValue(processes) is > 1 and var count)
                return KfacStepSpreadAction(count, [
                    "--steps", $"{result.GetValue(steps)}", "--large-engd-steps", $"{result.GetValue(largeEngdSteps)}", "--threads", $"{result.GetValue(threads)}",
                    .. (result.GetValue(networks) ?? []).SelectMany(n => new[] { "--network", n }),
                    .. result.GetValue(optimizers) is { } o ? new[] { "--optimizers", o } : [],
                ], result.GetValue(output), result.GetValue(json));
            var directory = result.GetValue(output)
                            ?? Path.Combine("runs", "bench-kfac-step-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory));
            var benchmark = new KfacStepBenchmark(catalog, directory, result.GetValue(threads), hidden.Count == 0 ? null : hidden, chosen);
            var rows = ProgressDisplay.Run(interactive: true, Console.Out,
                                           progress => benchmark.Run(result.GetValue(steps), result.GetValue(largeEngdSteps), progress).ToList());
            var table = new Table().AddColumns("network", "D", "optimizer", "steps", "median ms", "min ms", "max ms", "× adam", "peak MiB", "peak − start MiB");
            foreach (var r in rows)
                table.AddRow(r.Network, r.ParameterCount.ToString(CultureInfo.InvariantCulture), r.Optimizer, r.Steps.ToString(CultureInfo.InvariantCulture),
                             F(r.MedianMilliseconds), F(r.MinMilliseconds), F(r.MaxMilliseconds),
                             r.RatioVsAdam is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "—",
                             r.PeakMebibytes is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "—",
                             r.PeakAboveStartMebibytes is { } q ? q.ToString("F0", CultureInfo.InvariantCulture) : "—");
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
            AnsiConsole.Write(table);
            if (result.GetValue(json) is { } file)
            {
                KfacStepBenchmark.WriteJson(file, rows);
                Console.Out.WriteLine($"wrote {file}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>bench kfac-step --processes N</c>: the benchmark in N processes, and its table of medians over them.</summary>
    private static int KfacStepSpreadAction(int count, string[] arguments, string? output, string? json)
    {
        var directory = output ?? Path.Combine("runs", "bench-kfac-step-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Console.Out.WriteLine($"bench kfac-step: {count} processes one after another; per network and optimizer the median over processes of each "
                              + "process's median step and ratio to Adam, and the min–max over processes");
        IReadOnlyList<KfacStepSpread.Row> rows;
        try
        {
            rows = KfacStepSpread.Run(count, arguments, directory, text => Console.Error.WriteLine("  " + text));
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"bench kfac-step: {e.Message}");
            return ExitCodes.Failed;
        }
        var table = new Table().AddColumns("network", "D", "optimizer", "ms (median of medians)", "min–max ms over processes", "× adam (median)", "min–max × over processes", "peak MiB");
        foreach (var r in rows)
            table.AddRow(r.Network, r.ParameterCount.ToString(CultureInfo.InvariantCulture), r.Optimizer, F(r.MedianMs), $"{F(r.MinMs)}–{F(r.MaxMs)}",
                         r.MedianRatio is { } m ? m.ToString("F2", CultureInfo.InvariantCulture) : "—",
                         r.MinRatio is { } lo && r.MaxRatio is { } hi ? $"{lo.ToString("F2", CultureInfo.InvariantCulture)}–{hi.ToString("F2", CultureInfo.InvariantCulture)}" : "—",
                         r.PeakMebibytes is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "—");
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 180);
        AnsiConsole.Write(table);
        if (json is { } file)
        {
            BenchProcesses.WriteJson(file, rows);
            Console.Out.WriteLine($"wrote {file}");
        }
        return ExitCodes.Ok;
    }

    private static Command Problems()
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
            if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                Console.Error.WriteLine($"bench problems: no manifest at {missing} (run from the repository root)");
                return ExitCodes.InvalidInput;
            }
            if (!(result.GetValue(seconds) > 0) || result.GetValue(threads) < 1)
            {
                Console.Error.WriteLine("bench problems: --seconds must be > 0 and --threads ≥ 1");
                return ExitCodes.InvalidInput;
            }
            var replacement = result.GetValue(optimizer);
            JsonObject? replacementOptions = null;
            if (result.GetValue(optimizerOptions) is { } optionsText)
            {
                replacementOptions = OptimizerOverride.ParseOptions(optionsText);
                if (replacementOptions is null || replacement is null)
                {
                    Console.Error.WriteLine(replacement is null ? "bench problems: --optimizer-options needs --optimizer"
                                                                : $"bench problems: --optimizer-options: not a JSON object: {optionsText}");
                    return ExitCodes.InvalidInput;
                }
            }
            Func<string, string>? rewrite = replacement is null ? null : text => OptimizerOverride.Apply(text, replacement, replacementOptions, result.GetValue(seconds));
            if (ValidatePlans(files, rewrite) is not { } plans) return ExitCodes.InvalidInput;

            var directory = result.GetValue(output)
                            ?? Path.Combine("runs", "bench-problems-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
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
                    published = ProblemBenchmark.Published.TryGetValue(r.Manifest, out var p) ? p : [],
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
            var published = ProblemBenchmark.Published.TryGetValue(r.Manifest, out var figures)
                ? string.Join("; ", figures.Select(f => $"{f.Source}: {f.RelativeL2}"))
                : "—";
            table.AddRow(Markup.Escape(r.Manifest), Markup.Escape(problemOf[r.Manifest]), Markup.Escape(r.Optimizer), r.Steps.ToString(CultureInfo.InvariantCulture),
                         E(r.FinalRelL2), E(r.BestRelL2), E(r.Loss), F(1000 * r.SecondsPerStep), Markup.Escape(r.StoppedBecause ?? "—"),
                         r.Problem.Count == 0 ? "—" : string.Join(", ", r.Problem.Select(kv => $"{kv.Key} {E(kv.Value)}")), Markup.Escape(published));
        }
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        AnsiConsole.Write(table);
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
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        AnsiConsole.Write(table);
    }

    private static string E(double? x) => x is { } v ? v.ToString("0.00e+00", CultureInfo.InvariantCulture) : "—";

    private static Command Operators()
    {
        var json = new Option<string?>("--json") { Description = "Also write the records {case, engine, mode, ms, ratioVsAutodiff} to this file" };
        var repeats = new Option<int>("--repeats") { Description = "Timed calls per engine, case and mode (median reported)", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed calls before timing", DefaultValueFactory = _ => 2 };
        var threads = new Option<int>("--threads") { Description = "Torch threads", DefaultValueFactory = _ => 2 };
        var only = new Option<string?>("--cases") { Description = "Only cases whose name contains this text (e.g. \"laplacian\", \"k=6\")" };
        var processes = new Option<int>("--processes")
        {
            Description = "Run the benchmark in this many fresh processes one after another and report, per case, the median over processes of each "
                          + "process's median and the min–max over processes",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("operators", "Time the derivative engines against nested autodiff: forward and forward+backward, float64")
        {
            json, repeats, warmup, threads, only, processes,
        };
        command.SetAction(result =>
        {
            var (r, w, t) = (result.GetValue(repeats), result.GetValue(warmup), result.GetValue(threads));
            if (r < 1 || w < 0 || t < 1 || result.GetValue(processes) < 1)
            {
                Console.Error.WriteLine("--repeats, --threads and --processes must be ≥ 1, --warmup ≥ 0");
                return ExitCodes.InvalidInput;
            }
            if (result.GetValue(processes) is > 1 and var n)
            {
                string[] arguments = ["--repeats", $"{r}", "--warmup", $"{w}", "--threads", $"{t}", .. result.GetValue(only) is { } c ? new[] { "--cases", c } : []];
                Console.Out.WriteLine($"bench operators: {n} processes one after another, float64, {t} threads, {w} warm-up + {r} timed calls each; "
                                      + "per case the median over processes of each process's median, and the min–max over processes");
                IReadOnlyList<OperatorSpread.Row> rows;
                try
                {
                    rows = OperatorSpread.Run(n, arguments, Path.Combine(Path.GetTempPath(), "pinn-bench-operators-" + Guid.NewGuid().ToString("N")),
                                              text => Console.Error.WriteLine("  " + text));
                }
                catch (InvalidOperationException e)
                {
                    Console.Error.WriteLine($"bench operators: {e.Message}");
                    return ExitCodes.Failed;
                }
                var table = new Table().AddColumns("case", "engine", "mode", "ms (median of medians)", "min–max ms over processes", "× vs autodiff (median)", "min–max × over processes");
                foreach (var row in rows)
                    table.AddRow(row.Case, row.Engine, row.Mode, F(row.MedianMs), $"{F(row.MinMs)}–{F(row.MaxMs)}",
                                 row.Engine == "autodiff" ? "1" : row.MedianRatio.ToString("F2", CultureInfo.InvariantCulture),
                                 row.Engine == "autodiff" ? "" : $"{row.MinRatio.ToString("F2", CultureInfo.InvariantCulture)}–{row.MaxRatio.ToString("F2", CultureInfo.InvariantCulture)}");
                if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 180);
                AnsiConsole.Write(table);
                if (result.GetValue(json) is { } spreadFile)
                {
                    BenchProcesses.WriteJson(spreadFile, rows);
                    Console.Out.WriteLine($"wrote {spreadFile}");
                }
                return ExitCodes.Ok;
            }
            torch.set_num_threads(t);
            var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory));
            var filter = result.GetValue(only);
            var cases = OperatorBenchmark.DefaultCases().Where(c => filter is null || c.Name.Contains(filter, StringComparison.Ordinal)).ToArray();
            Console.Out.WriteLine($"bench operators: float64, {t} threads, OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}, "
                                  + $"{w} warm-up + {r} timed calls each; ratio = autodiff ms / engine ms (> 1: faster than autodiff)");
            var records = new OperatorBenchmark(catalog, w, r).Run(cases, text => Console.Error.WriteLine("  " + text)).ToList();
            Print(records);
            if (result.GetValue(json) is { } file)
            {
                var rows = records.Select(m => new { @case = m.Case, engine = m.Engine, mode = m.Mode, ms = m.Ms, ratioVsAutodiff = m.RatioVsAutodiff, minMs = m.MinMs, maxMs = m.MaxMs });
                File.WriteAllText(file, JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
                Console.Out.WriteLine($"wrote {file}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(IReadOnlyList<OperatorMeasurement> records)
    {
        var table = new Table().AddColumns("case", "engine", "mode", "median ms", "min–max ms", "× vs autodiff");
        foreach (var m in records)
            table.AddRow(m.Case, m.Engine, m.Mode, F(m.Ms), $"{F(m.MinMs)}–{F(m.MaxMs)}", m.Engine == "autodiff" ? "1" : m.RatioVsAutodiff.ToString("F2", CultureInfo.InvariantCulture));
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        AnsiConsole.Write(table);
    }

    private static string F(double ms) => ms.ToString(ms < 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
