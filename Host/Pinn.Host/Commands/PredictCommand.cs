using System.CommandLine;
using System.Text;
using Pinn.Host.Inference;
using Pinn.Host.Training;
using TorchSharp;

namespace Pinn.Host.Commands;

/// <summary><c>pinn predict RUN (--points FILE.csv | --grid SPEC) [--derivatives u_x,u_xx] [--out FILE.csv] [--strict]</c>:
/// the trained fields at the user's points, as CSV.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run folder (it holds checkpoint.bin)" };
        var points = new Option<string?>("--points") { Description = "CSV file of points; its header names the problem's inputs (e.g. t,x)" };
        var grid = new Option<string?>("--grid") { Description = "A grid instead of a file: every input as start:stop:count, e.g. \"x=0:1:101,y=0:1:101\"" };
        var derivatives = new Option<string?>("--derivatives") { Description = "Also these derivatives, through the run's engine: output, '_', input names (e.g. u_x,u_xx,u_t)" };
        var output = new Option<string?>("--out") { Description = "Write the CSV here (default: standard output)" };
        var strict = new Option<bool>("--strict") { Description = "Refuse points outside the problem's domain instead of warning" };
        var command = new Command("predict", "Evaluate a trained run's fields (and derivatives) at given points") { run, points, grid, derivatives, output, strict };
        command.SetAction(r => Predict(r.GetValue(run)!, r.GetValue(points), r.GetValue(grid), r.GetValue(derivatives), r.GetValue(output), r.GetValue(strict)));
        return command;
    }

    private static int Predict(string run, string? pointsFile, string? gridText, string? derivativeList, string? output, bool strict)
    {
        if ((pointsFile is null) == (gridText is null))
        {
            Console.Error.WriteLine("pinn predict: give exactly one of --points FILE.csv and --grid SPEC");
            return ExitCodes.InvalidInput;
        }
        using var scope = torch.NewDisposeScope();
        if (TrainedRunArgument.Open(run, "predict") is not { } model) return ExitCodes.InvalidInput;
        using var owned = model;
        var errors = new List<string>();
        if (output is not null && OutputFileArgument.Mistake("--out", output) is { } outputMistake) errors.Add(outputMistake);
        IReadOnlyList<FieldQuantity> quantities = derivativeList is null ? [] : FieldQuantity.Parse(derivativeList, model.InputNames, model.OutputNames, errors);
        foreach (var q in quantities)
            if (q.Request.Keys.Select(model.Unsupported).FirstOrDefault(why => why is not null) is { } why)
                errors.Add($"'{q.Name}': the run's engine cannot compute it ({why})");
        torch.Tensor? x = null;
        var unlisted = 0;
        try
        {
            if (pointsFile is not null)
            {
                if (PointTable.Read(pointsFile, model.InputNames, errors, out unlisted) is { } table)
                {
                    if (table.Ignored.Count > 0) Console.Error.WriteLine($"pinn predict: {pointsFile}: ignoring the columns {string.Join(", ", table.Ignored)} (not inputs)");
                    x = table.Points();
                }
            }
            else x = GridSpec.Parse(gridText!, model.InputNames).Points();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            errors.Add(e.Message);
        }
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"pinn predict: {errors.Count + unlisted} problem(s):\n  " + string.Join("\n  ", errors)
                                    + (unlisted > 0 ? $"\n  {pointsFile}: … and {unlisted} more" : ""));
            return ExitCodes.InvalidInput;
        }
        var prediction = Prediction.Of(model, x!, quantities);
        if (prediction.Outside > 0)
        {
            var where = pointsFile is not null ? $"the first is data row {prediction.FirstOutside + 1}" : $"the first is grid point {prediction.FirstOutside + 1}";
            var text = $"{prediction.Outside} of {x!.shape[0]} points lie outside the domain of {model.Plan.Problem.Descriptor.Name} ({where})";
            if (strict)
            {
                Console.Error.WriteLine($"pinn predict: {text}; --strict refuses them");
                return ExitCodes.InvalidInput;
            }
            Console.Error.WriteLine($"pinn predict: warning: {text}; the network extrapolates there");
        }
        if (output is null)
        {
            prediction.WriteCsv(Console.Out, model.InputNames);
            return ExitCodes.Ok;
        }
        AtomicFile.Write(output, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            prediction.WriteCsv(writer, model.InputNames);
        });
        Console.Out.WriteLine($"{x!.shape[0]} points × {prediction.Names.Count} fields ({string.Join(", ", prediction.Names)}) → {output}");
        return ExitCodes.Ok;
    }
}
