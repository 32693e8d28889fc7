using System.CommandLine;
using Pinn.Host.Inference;
using Pinn.Host.Plots;

namespace Pinn.Host.Commands;

/// <summary><c>pinn plot RUN [--resolution N]</c>: the pictures of a run (training curves, field maps) into RUN/plots/.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run folder (it holds checkpoint.bin and metrics.csv)" };
        var resolution = new Option<int>("--resolution") { Description = "Grid points per axis of the field maps (11–1001)", DefaultValueFactory = _ => 101 };
        var command = new Command("plot", "Draw a run's training curves and fields as PNG files in RUN/plots/") { run, resolution };
        command.SetAction(r => Plot(r.GetValue(run)!, r.GetValue(resolution)));
        return command;
    }

    private static int Plot(string run, int resolution)
    {
        if (resolution is < 11 or > 1001)
        {
            Console.Error.WriteLine($"pinn plot: --resolution {resolution}: must be between 11 and 1001");
            return ExitCodes.InvalidInput;
        }
        if (TrainedRunArgument.Open(run, "plot") is not { } model) return ExitCodes.InvalidInput;
        using var owned = model;
        try
        {
            foreach (var file in RunPlots.Save(model, resolution)) Console.Out.WriteLine(file);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"pinn plot: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        return ExitCodes.Ok;
    }
}
