using TorchSharp;

namespace Pinn.Abstractions.Weighting;

/// <summary>What an update changes; null parts are left as they are.</summary>
/// <param name="Multipliers">λ_c ≥ 0 (finite) by condition name; conditions not named keep theirs.</param>
/// <param name="PointWeights">p_c [N_c] ≥ 0 (finite) by condition name, one per current point; conditions not named keep theirs.</param>
/// <param name="Diagnostics">Numbers worth logging (metrics.csv's diagnostics column, prefixed <c>weighting.</c>).</param>
public sealed record WeightUpdate(
    IReadOnlyDictionary<string, double>? Multipliers = null,
    IReadOnlyDictionary<string, torch.Tensor>? PointWeights = null,
    IReadOnlyDictionary<string, double>? Diagnostics = null);
