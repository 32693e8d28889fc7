using Pinn.Host.Manifests;
using Pinn.Host.Plugins;
using Pinn.Host.Training;

namespace Pinn.Tests.Support;

/// <summary>
/// A real checkpoint, written once per test class: poisson2d on a 2→8→1 network with 50 + 20 points, three adam
/// steps, evaluated at every step. Tests craft damaged copies of its bytes and try to resume from them.
/// </summary>
public sealed class RecordedCheckpoint : IDisposable
{
    /// <summary>The manifest of the recorded run, with <c>{steps}</c> for its step budget.</summary>
    private const string ManifestTemplate = """
        { "name": "crafted", "seed": 0, "device": "cpu", "dtype": "float64",
          "problem": { "name": "poisson2d" },
          "model": { "hidden": [8], "activation": "tanh", "init": "normal" },
          "engine": { "name": "forward-laplacian" },
          "sampler": { "name": "lhs", "points": { "interior": 50, "boundary": 20 } },
          "optimizer": { "name": "adam" },
          "budget": { "steps": {steps} },
          "evaluation": { "every": 1, "points": 300 } }
        """;

    private readonly TemporaryDirectory _directory = new();
    private readonly byte[] _bytes;

    public RecordedCheckpoint()
    {
        Catalog = PluginCatalog.Load([RepositoryRoot.Plugins]);
        var run = _directory.Combine("recorded");
        new TrainingRun(Plan(Steps), run).Execute(CancellationToken.None, _ => { });
        File = Path.Combine(run, ResumePoint.FileName);
        _bytes = System.IO.File.ReadAllBytes(File);
    }

    /// <summary>Steps the recorded run took.</summary>
    public const int Steps = 3;

    internal PluginCatalog Catalog { get; }

    /// <summary>The checkpoint file of the recorded run.</summary>
    public string File { get; }

    /// <summary>Its bytes (a copy is handed to each caller).</summary>
    public byte[] Bytes => _bytes.ToArray();

    /// <summary>The checkpoint taken apart, for crafting a variant.</summary>
    internal CheckpointFile Parts() => CheckpointFile.Open(File);

    /// <summary>The recorded run's plan with a budget of <paramref name="steps"/>.</summary>
    internal RunPlan Plan(int steps)
        => ManifestValidator.ValidateText(ManifestTemplate.Replace("{steps}", steps.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                                          "crafted.json", Catalog, _directory.Combine("cache"));

    /// <summary>Resumes the recorded run from <paramref name="checkpoint"/> up to <paramref name="steps"/> steps, as
    /// <c>pinn run --resume</c> does: <see cref="ResumePoint.Load"/>, then a <see cref="TrainingRun"/> that restores it.</summary>
    internal RunSummary Resume(string checkpoint, string directory, int steps = Steps + 2)
    {
        using var resume = ResumePoint.Load(checkpoint);
        return new TrainingRun(Plan(steps), directory, resume).Execute(CancellationToken.None, _ => { });
    }

    public void Dispose() => _directory.Dispose();
}
