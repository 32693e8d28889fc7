using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pinn.Host.Benchmarks;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Spectre.Console;
using TorchSharp;
using static Pinn.Host.Commands.Bench.BenchConsole;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench operators</c>: the derivative engines timed against nested autodiff.</summary>
internal static class OperatorsBenchCommand
{
    public static Command Create()
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
            var mistakes = new List<string>();
            foreach (var (option, value, least) in new[] { ("--repeats", r, 1), ("--warmup", w, 0), ("--threads", t, 1), ("--processes", result.GetValue(processes), 1) })
                if (value < least) mistakes.Add($"{option} {value}: must be ≥ {least}");
            CheckOutputFiles(mistakes, ("--json", result.GetValue(json)));
            if (mistakes.Count > 0) return Refuse("operators", mistakes);
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
                Show(table, 180);
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
                AtomicFile.WriteAllText(file, JsonSerializer.Serialize(rows, ReadableJson.Options()));
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
        Show(table, 160);
    }
}
