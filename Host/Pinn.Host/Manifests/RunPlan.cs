using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Plugins;

namespace Pinn.Host.Manifests;

/// <summary>A plugin chosen for a run, with its parsed options.</summary>
internal sealed record ResolvedPlugin(PluginDescriptor Descriptor, object Options, PluginSelection Selection)
{
    /// <summary>How messages name it: kind, name, version and folder (<c>optimizer 'adam' 1.0.0 (/path)</c>).</summary>
    public string Label => $"{Descriptor.KindName} '{Descriptor.Name}' {Descriptor.Version.ToString(3)} ({Descriptor.Path})";
}

/// <summary>A resolved optimizer stage.</summary>
internal sealed record ResolvedStage(ResolvedPlugin Optimizer, Budget Budget);

/// <summary>A manifest whose every plugin is found, every option read, every cross-check passed.</summary>
internal sealed record RunPlan(
    Manifest Manifest,
    string ManifestFile,
    TensorSpec Spec,
    string DeviceNote,
    ResolvedPlugin Problem,
    IProblem ProblemInstance,
    ResolvedPlugin Engine,
    ResolvedPlugin Sampler,
    IReadOnlyList<ResolvedStage> Stages,
    IReadOnlyDictionary<string, int> Points,
    IReadOnlyDictionary<string, int> ResampleEvery)
{
    /// <summary>What the user should know about the choices made (a plugin version recorded in a checkpoint that
    /// is no longer installed, a built-in chosen over a same-named plugin of another folder).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The loss-weighting scheme, or null for fixed weights (no <c>weighting</c> in the manifest).</summary>
    public ResolvedPlugin? Weighting { get; init; }
}
