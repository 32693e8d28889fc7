using Pinn.Host.Inference;
using TorchSharp;

namespace Pinn.Host.Plots;

/// <summary>
/// Every picture of a run, into RUN/plots/: the training curves from metrics.csv (against step and against seconds) and
/// the field maps of the trained network (<see cref="FieldMaps"/>). Written at the end of <c>pinn run</c> and by
/// <c>pinn plot RUN</c>.
/// </summary>
internal static class RunPlots
{
    public const string FolderName = "plots";

    /// <summary>Writes the pictures of <paramref name="model"/>'s run and returns their paths.</summary>
    public static IReadOnlyList<string> Save(TrainedModel model, int resolution = 101)
    {
        var directory = Path.Combine(model.Directory, FolderName);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        var metricsFile = Path.Combine(model.Directory, "metrics.csv");
        if (File.Exists(metricsFile))
        {
            var metrics = MetricsTable.Read(metricsFile);
            var summary = model.Summary;
            (double, double, double)? final = summary?["relL2"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number
                                             && summary["steps"] is { } steps && summary["seconds"] is { } seconds
                ? (steps.GetValue<double>(), seconds.GetValue<double>(), summary["relL2"]!.GetValue<double>())
                : null;
            foreach (var bySeconds in new[] { false, true })
            {
                var file = Path.Combine(directory, bySeconds ? "training-by-seconds.png" : "training-by-step.png");
                TrainingCurves.Save(file, metrics, model.Name, bySeconds, final);
                files.Add(file);
            }
        }
        using var scope = torch.NewDisposeScope();
        files.AddRange(new FieldMaps(model, resolution).Save(directory));
        return files;
    }
}
