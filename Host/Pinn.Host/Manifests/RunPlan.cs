using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using Pinn.Host.Plugins;

namespace Pinn.Host.Manifests;

/// <summary>A plugin chosen for a run, with its parsed options.</summary>
internal sealed record ResolvedPlugin(PluginDescriptor Descriptor, object Options, PluginSelection Selection);

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
    IReadOnlyDictionary<string, int> ResampleEvery);
