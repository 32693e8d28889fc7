using System.CommandLine;
using System.Globalization;
using Pinn.Host.Benchmarks;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Spectre.Console;
using static Pinn.Host.Commands.Bench.BenchConsole;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench kfac-step</c>: time and peak memory of one step of adam, kfac, kfac-star and engd.</summary>
internal static class KfacStepBenchCommand
{
    public static Command Create()
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
            CheckOutputFiles(errors, ("--json", result.GetValue(json)));
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
            var directory = RunsFolder(result.GetValue(output), "kfac-step");
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
            Show(table, 160);
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
        var directory = RunsFolder(output, "kfac-step");
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
        Show(table, 180);
        if (json is { } file)
        {
            BenchProcesses.WriteJson(file, rows);
            Console.Out.WriteLine($"wrote {file}");
        }
        return ExitCodes.Ok;
    }
}
