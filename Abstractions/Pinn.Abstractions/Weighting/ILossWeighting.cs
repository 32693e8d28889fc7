using TorchSharp;

namespace Pinn.Abstractions.Weighting;

/// <summary>
/// A loss-weighting scheme: between optimizer steps it re-weights the conditions of the residual model. The loss the
/// optimizers minimise is L(θ) = ½ Σ_c λ_c w_c (1/N_c) Σ_i p_{c,i} |ε_{c,i}|², where w_c is the manifest's weight of
/// condition c, λ_c ≥ 0 the scheme's multiplier (1 until it says otherwise) and p_{c,i} ≥ 0 an optional weight of each
/// point (1 unless the scheme sets one; causal training weights the points of a time-dependent condition). Multipliers
/// and point weights scale the residual blocks, so the Gauss–Newton family sees an exact Jacobian of the weighted loss.
/// <para>The host calls <see cref="Update"/> before every step; a scheme that is not due returns null. The host keeps
/// what an update set (multipliers, point weights) in checkpoints, and the scheme's own running state through
/// <see cref="StateDict"/>, so a resumed run continues exactly.</para>
/// </summary>
public interface ILossWeighting
{
    /// <summary>New multipliers and/or point weights for the step about to be taken, or null to keep the current ones.
    /// Called before every step with what the residual model can tell at the current θ (computed only when asked for).</summary>
    WeightUpdate? Update(IWeightingContext context);

    /// <summary>The scheme's running state (moving averages, losses remembered from earlier updates), as named tensors the
    /// host writes into checkpoints and then disposes (return new tensors, not the scheme's own). Empty for a stateless scheme.</summary>
    IReadOnlyDictionary<string, torch.Tensor> StateDict();

    /// <summary>Restores <see cref="StateDict"/>'s tensors (CPU, float64 or the saved dtype) when a run resumes.</summary>
    void LoadStateDict(IReadOnlyDictionary<string, torch.Tensor> state);
}
