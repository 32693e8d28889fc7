using System.CommandLine;
using Pinn.Host.Export;
using Pinn.Host.Inference;
using TorchSharp;

namespace Pinn.Host.Commands;

/// <summary><c>pinn export RUN [--vtk [--resolution N] [--times K]] [--safetensors] [--out DIR]</c>: a trained run as files
/// other tools open (VTK XML for ParaView, safetensors for PyTorch).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run folder (it holds checkpoint.bin)" };
        var vtk = new Option<bool>("--vtk") { Description = "VTK XML files for ParaView: fields, reference or exact solution, error and residuals (one file per time and a .pvd for time-dependent problems)" };
        var resolution = new Option<int?>("--resolution") { Description = "Grid points per spatial axis (2–1001; default 101 in one or two dimensions, 41 in three or more)" };
        var times = new Option<int>("--times") { Description = "Times written for a time-dependent problem without a reference file (1–1001)", DefaultValueFactory = _ => 11 };
        var safetensors = new Option<bool>("--safetensors") { Description = "The network's weights as model.safetensors (names and shapes of torch.nn.Sequential) and model.json (how to load them)" };
        var output = new Option<string?>("--out") { Description = "Folder to write into (default RUN/vtk for --vtk, RUN for --safetensors)" };
        var command = new Command("export", "Write a trained run as files for other tools") { run, vtk, resolution, times, safetensors, output };
        command.SetAction(r => Export(r.GetValue(run)!, r.GetValue(vtk), r.GetValue(resolution), r.GetValue(times), r.GetValue(safetensors), r.GetValue(output)));
        return command;
    }

    private static int Export(string run, bool vtk, int? resolution, int times, bool safetensors, string? output)
    {
        var errors = new List<string>();
        if (!vtk && !safetensors) errors.Add("say what to export: --vtk, --safetensors or both");
        if (resolution is < 2 or > 1001) errors.Add($"--resolution {resolution}: must be between 2 and 1001");
        if (times is < 1 or > 1001) errors.Add($"--times {times}: must be between 1 and 1001");
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"pinn export: {string.Join("; ", errors)}");
            return ExitCodes.InvalidInput;
        }
        using var scope = torch.NewDisposeScope();
        if (TrainedRunArgument.Open(run, "export") is not { } model) return ExitCodes.InvalidInput;
        using var owned = model;
        if (safetensors)
            foreach (var file in SafetensorsExport.Write(model, output ?? run)) Console.Out.WriteLine(file);
        if (!vtk) return ExitCodes.Ok;
        var spatial = model.Problem.InputDimension - (model.InputNames[0] == "t" && model.Problem.InputDimension > 1 ? 1 : 0);
        var n = resolution ?? (spatial <= 2 ? 101 : 41);
        var result = new VtkExport(model, n, times).WriteTo(output ?? Path.Combine(run, "vtk"));
        if (result.Note is not null) Console.Out.WriteLine($"note: {result.Note}");
        foreach (var file in result.Files) Console.Out.WriteLine(file);
        return ExitCodes.Ok;
    }
}
