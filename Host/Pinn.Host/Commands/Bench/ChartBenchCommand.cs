using System.CommandLine;
using System.Text.Json;
using Pinn.Host.Benchmarks;
using static Pinn.Host.Commands.Bench.BenchConsole;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench chart RUN…</c>: the relative L2 error against time of finished runs in one chart.</summary>
internal static class ChartBenchCommand
{
    public static Command Create()
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
            var mistakes = result.GetValue(runs)!.Where(folder => !File.Exists(Path.Combine(folder, "metrics.csv")) || !File.Exists(Path.Combine(folder, "summary.json")))
                                                 .Select(folder => $"{folder}: expected a run folder with metrics.csv and summary.json").ToList();
            var file = result.GetValue(output)!;
            CheckOutputFiles(mistakes, ("--out", file));
            if (mistakes.Count > 0) return Refuse("chart", mistakes);
            var curves = new List<(string, RelativeL2Curve)>();
            foreach (var folder in result.GetValue(runs)!)
            {
                var metrics = Path.Combine(folder, "metrics.csv");
                var summaryFile = Path.Combine(folder, "summary.json");
                using var summary = JsonDocument.Parse(File.ReadAllText(summaryFile));
                var root = summary.RootElement;
                double? final = root.TryGetProperty("relL2", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
                curves.Add((Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), RelativeL2Curve.Read(metrics, root.GetProperty("seconds").GetDouble(), final)));
            }
            RelativeL2Chart.Save(file, curves, title: result.GetValue(title));
            Console.Out.WriteLine($"wrote {file}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
