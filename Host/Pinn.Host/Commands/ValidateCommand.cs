using System.CommandLine;
using Pinn.Host.Manifests;
using Pinn.Host.Plugins;

namespace Pinn.Host.Commands;

/// <summary><c>pinn validate M</c>: reports every mistake in a manifest at once (exit code 2), or that it is valid.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest file (JSON)" };
        var command = new Command("validate", "Check a manifest against the loaded plugins without running it") { manifest };
        command.SetAction(result =>
        {
            var file = result.GetValue(manifest)!;
            return TryPlan(file, out var plan) ? Report(plan!) : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static int Report(RunPlan plan)
    {
        Console.Out.WriteLine(Summary(plan));
        return ExitCodes.Ok;
    }

    /// <summary>"file: valid (problem, engine, sampler, optimizers, and whatever the run adds to the plain set-up: a
    /// weighting scheme, hard constraints, an input embedding, activation slopes, starting weights)".</summary>
    internal static string Summary(RunPlan plan)
    {
        var parts = new List<string>
        {
            plan.Problem.Descriptor.Name, $"engine {plan.Engine.Descriptor.Name}", $"sampler {plan.Sampler.Descriptor.Name}",
            string.Join(" → ", plan.Stages.Select(s => s.Optimizer.Descriptor.Name)),
        };
        if (plan.Weighting is { } weighting) parts.Add($"weighting {weighting.Descriptor.Name}");
        var model = plan.Manifest.Model!;
        if (model.HardConstraints) parts.Add("hard constraints");
        if (model.Embedding is { } e)
        {
            var features = e.Periodic.Select(p => $"{p.Axis} periodic ({p.Period:G}{(p.Even ? ", even" : "")})").ToList();
            if (e.Fourier is { } f) features.Add($"{f.Count} Fourier features (σ {f.Scale:G})");
            parts.Add("embedding: " + string.Join(", ", features));
        }
        if (model.Symmetry.Count > 0)
            parts.Add("symmetric: " + string.Join(", ", model.Symmetry.Select(r =>
                $"{string.Join("/", r.Parities.Select(p => p.ToString().ToLowerInvariant()))} in {r.Axis}{(r.Center == 0 ? "" : $" about {r.Center:G}")}")));
        if (model.Adaptive is { } a) parts.Add($"trainable slopes ({(a.Global ? "one for all layers" : "one per layer")}, n = {a.Factor:G})");
        if (model.WeightsFrom is { } from) parts.Add($"starting from the network of {from}");
        return $"{plan.ManifestFile}: valid ({string.Join(", ", parts)})";
    }

    /// <summary>Loads the plugins and validates; prints every mistake to stderr when there are any, and the notes
    /// and warnings (a PINN_PLUGIN_PATH entry that is not a folder, a plugin version chosen for the user) either way.</summary>
    /// <param name="pins">The plugin versions of the checkpoint a run resumes.</param>
    public static bool TryPlan(string file, out RunPlan? plan, PluginPins? pins = null)
    {
        plan = null;
        var catalog = PluginCatalog.Load(PluginDirectories.Default(Environment.CurrentDirectory, out var warnings));
        foreach (var warning in warnings) Console.Error.WriteLine(warning);
        try
        {
            plan = ManifestValidator.Validate(file, catalog, CacheDirectory(), pins);
            foreach (var note in plan.Notes) Console.Error.WriteLine(note);
            return true;
        }
        catch (ManifestException e)
        {
            Console.Error.WriteLine(e.Message);
            foreach (var refusal in catalog.Refusals)
                Console.Error.WriteLine($"note: refused plugin {refusal.Path}: {refusal.Reason}");
            return false;
        }
    }

    /// <summary>Where problems cache reference solutions: <c>PINN_CACHE</c>, else .pinn-cache in the working directory.</summary>
    public static string CacheDirectory()
        => Environment.GetEnvironmentVariable("PINN_CACHE") is { Length: > 0 } dir ? dir : Path.Combine(Environment.CurrentDirectory, ".pinn-cache");
}
