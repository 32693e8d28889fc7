using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pinn.Host.Benchmarks;
using Pinn.Host.Plugins;
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
        return bench;
    }

    private static Command Operators()
    {
        var json = new Option<string?>("--json") { Description = "Also write the records {case, engine, mode, ms, ratioVsAutodiff} to this file" };
        var repeats = new Option<int>("--repeats") { Description = "Timed calls per engine, case and mode (median reported)", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed calls before timing", DefaultValueFactory = _ => 2 };
        var threads = new Option<int>("--threads") { Description = "Torch threads", DefaultValueFactory = _ => 2 };
        var only = new Option<string?>("--cases") { Description = "Only cases whose name contains this text (e.g. \"laplacian\", \"k=6\")" };
        var command = new Command("operators", "Time the derivative engines against nested autodiff: forward and forward+backward, float64")
        {
            json, repeats, warmup, threads, only,
        };
        command.SetAction(result =>
        {
            var (r, w, t) = (result.GetValue(repeats), result.GetValue(warmup), result.GetValue(threads));
            if (r < 1 || w < 0 || t < 1)
            {
                Console.Error.WriteLine("--repeats and --threads must be ≥ 1, --warmup ≥ 0");
                return ExitCodes.InvalidInput;
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
