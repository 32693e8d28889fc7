using System.Text.Json;
using Pinn.Abstractions.Models;

namespace Pinn.Host.Manifests;

/// <summary>A plugin named in a manifest.</summary>
/// <param name="Name">Its manifest name.</param>
/// <param name="Version">A version range, or null for the newest.</param>
/// <param name="Options">Its <c>options</c> object, if any.</param>
/// <param name="Path">The JSON path of the section, for messages.</param>
/// <param name="Folder">The plugin folder to take it from (its path, or its folder name), or null for any.</param>
internal sealed record PluginSelection(string Name, string? Version, JsonElement? Options, string Path, string? Folder = null);

/// <summary>The network.</summary>
/// <param name="Hidden">Hidden widths.</param>
/// <param name="Activation">Activation name.</param>
/// <param name="Init">Initialisation scheme.</param>
/// <param name="InitScale">σ of the normal initialisation.</param>
internal sealed record ModelSection(int[] Hidden, string Activation, Initialization Init, double InitScale)
{
    /// <summary>Impose the problem's hard constraint: u = g + φ·N_θ, its replaced conditions leave the loss.</summary>
    public bool HardConstraints { get; init; }

    /// <summary>A fixed input embedding in front of the first layer, or null for none.</summary>
    public EmbeddingSection? Embedding { get; init; }

    /// <summary>Trainable activation slopes (LAAF/GAAF), or null for none.</summary>
    public AdaptiveActivation? Adaptive { get; init; }

    /// <summary>Mirror symmetries the network is made to have exactly (empty for none).</summary>
    public IReadOnlyList<ReflectionSection> Symmetry { get; init; } = [];

    /// <summary>A run folder or checkpoint file whose network the run starts from instead of the random initialisation, or
    /// null: as the manifest gives it, and once validated the checkpoint file's full path
    /// (<see cref="Training.StartingWeights"/>).</summary>
    public string? WeightsFrom { get; init; }
}

/// <summary>The input embedding as the manifest names it (axes by the problem's input names).</summary>
/// <param name="Periodic">The periodic inputs (may be empty).</param>
/// <param name="Fourier">Random Fourier features of the other inputs, or null.</param>
internal sealed record EmbeddingSection(IReadOnlyList<PeriodicSection> Periodic, Abstractions.Models.Embedding.FourierFeatures? Fourier);

/// <summary>One periodic input.</summary>
/// <param name="Axis">The input's name (e.g. <c>x</c>).</param>
/// <param name="Period">L &gt; 0.</param>
/// <param name="Harmonics">K ≥ 1.</param>
/// <param name="Even">Cosines only (a solution even in the axis).</param>
/// <param name="Path">Its JSON path, for messages.</param>
internal sealed record PeriodicSection(string Axis, double Period, int Harmonics, bool Even, string Path);

/// <summary>One mirror symmetry as the manifest names it.</summary>
/// <param name="Axis">The input's name (e.g. <c>x</c>).</param>
/// <param name="Parities">One parity per output (<c>even</c>/<c>odd</c>), or a single one for every output.</param>
/// <param name="Center">Where the mirror sits on the axis.</param>
/// <param name="Path">Its JSON path, for messages.</param>
internal sealed record ReflectionSection(string Axis, IReadOnlyList<Abstractions.Models.Symmetry.Parity> Parities, double Center, string Path);

/// <summary>Collocation points.</summary>
/// <param name="Plugin">The sampler.</param>
/// <param name="Points">N_c by condition name (missing ones take the problem's default).</param>
/// <param name="ResampleEvery">Draw fresh points every k steps, by condition name (0: fixed); the key "*" applies to all.</param>
internal sealed record SamplerSection(PluginSelection Plugin, IReadOnlyDictionary<string, int> Points, IReadOnlyDictionary<string, int> ResampleEvery);

/// <summary>When a stage ends: whichever limit comes first.</summary>
/// <param name="Steps">At most this many steps, or null.</param>
/// <param name="Seconds">At most this many seconds of wall time, or null.</param>
/// <param name="Discrepancy">
/// Morozov's discrepancy principle, or null: the stage also ends, before a step, once every named condition's
/// root-mean-square residual is at or below its value (in the residual's units; for observations with noise σ, σ). The
/// rms is √(2·L_c / w_c), L_c the condition's loss and w_c its weight (with point weights from a weighting scheme, their
/// weighted mean).
/// </param>
/// <param name="Path">Where the budget is in the manifest (<c>$.budget</c>, <c>$.stages[i].budget</c>), for messages.</param>
internal sealed record Budget(long? Steps, double? Seconds, IReadOnlyDictionary<string, double>? Discrepancy = null, string Path = "$.budget");

/// <summary>One optimizer with its budget.</summary>
internal sealed record Stage(PluginSelection Optimizer, Budget Budget);

/// <summary>How the error against the solution is measured.</summary>
/// <param name="Every">Evaluate every k steps (and at the end).</param>
/// <param name="Points">Number of evaluation points.</param>
internal sealed record EvaluationSection(int Every, int Points);

/// <summary>A whole experiment, read from JSON with every default filled in. Problem and Model are null
/// only in a manifest read partially, with errors.</summary>
/// <param name="CheckpointEvery">Also write checkpoint.bin every k steps (null: by time only).</param>
/// <param name="CheckpointSeconds">Also write checkpoint.bin every this many seconds of training (0: never by time).</param>
/// <param name="Weighting">The loss-weighting scheme (<c>weighting</c>), or null for the manifest's fixed weights.</param>
internal sealed record Manifest(
    string Name,
    long Seed,
    string Device,
    string DType,
    int? Threads,
    PluginSelection? Problem,
    IReadOnlyDictionary<string, double> Weights,
    ModelSection? Model,
    PluginSelection Engine,
    SamplerSection Sampler,
    IReadOnlyList<Stage> Stages,
    EvaluationSection Evaluation,
    long? CheckpointEvery,
    double CheckpointSeconds = Manifest.DefaultCheckpointSeconds,
    PluginSelection? Weighting = null)
{
    /// <summary>How often a run writes checkpoint.bin by default: every two minutes of training, so that even a
    /// process that dies natively loses minutes, not hours.</summary>
    public const double DefaultCheckpointSeconds = 120;
}
