using System.CommandLine;
using System.Globalization;
using Pinn.Host.Benchmarks;
using Pinn.Host.Plugins;
using Pinn.Host.Training;
using Spectre.Console;
using static Pinn.Host.Commands.Bench.BenchConsole;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench serve</c>: throughput and latency of <c>pinn serve</c> on loopback, then a memory soak.</summary>
internal static class ServeBenchCommand
{
    public static Command Create()
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
            var mistakes = new List<string>();
            if (result.GetValue(seconds) is not (>= 0.5 and <= 3600)) mistakes.Add($"--seconds {result.GetValue(seconds)}: must be between 0.5 and 3600");
            if (result.GetValue(soak) is not (>= 1 and <= 86400)) mistakes.Add($"--soak {result.GetValue(soak)}: must be between 1 and 86400");
            if (result.GetValue(threads) < 1) mistakes.Add($"--threads {result.GetValue(threads)}: must be ≥ 1");
            CheckOutputFiles(mistakes, ("--json", result.GetValue(json)));
            if (mistakes.Count > 0) return Refuse("serve", mistakes);
            var directory = RunsFolder(result.GetValue(output), "serve");
            var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory));
            var benchmark = new ServeBenchmark(catalog, directory, result.GetValue(threads));
            var (rows, memory) = ProgressDisplay.Run(interactive: true, Console.Out, progress => benchmark.Run(result.GetValue(seconds), result.GetValue(soak), progress));
            var table = new Table().AddColumns("network", "D", "points", "clients", "requests", "errors", "requests/s", "points/s", "p50 ms", "p99 ms");
            foreach (var r in rows)
                table.AddRow(r.Network, r.ParameterCount.ToString(CultureInfo.InvariantCulture), r.Points.ToString(CultureInfo.InvariantCulture),
                             r.Clients.ToString(CultureInfo.InvariantCulture), r.Requests.ToString(CultureInfo.InvariantCulture), r.Errors.ToString(CultureInfo.InvariantCulture),
                             r.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture), r.PointsPerSecond.ToString("E2", CultureInfo.InvariantCulture),
                             r.P50Milliseconds.ToString("F2", CultureInfo.InvariantCulture), r.P99Milliseconds.ToString("F2", CultureInfo.InvariantCulture));
            Show(table, 160);
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
}
