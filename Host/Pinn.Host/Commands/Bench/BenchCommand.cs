using System.CommandLine;
using Pinn.Host.Benchmarks;

namespace Pinn.Host.Commands.Bench;

/// <summary><c>pinn bench …</c>: speed and accuracy benchmarks, reported as ratios measured in one run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks (run them with nothing else busy on the machine)");
        bench.Subcommands.Add(OperatorsBenchCommand.Create());
        bench.Subcommands.Add(OptimizersBenchCommand.Create());
        bench.Subcommands.Add(ProblemsBenchCommand.Create());
        bench.Subcommands.Add(KfacStepBenchCommand.Create());
        bench.Subcommands.Add(ChartBenchCommand.Create());
        bench.Subcommands.Add(ServeBenchCommand.Create());
        bench.Subcommands.Add(SweepBenchCommand.Create());
        bench.Subcommands.Add(ContentionBenchCommand.Create());
        return bench;
    }
}
