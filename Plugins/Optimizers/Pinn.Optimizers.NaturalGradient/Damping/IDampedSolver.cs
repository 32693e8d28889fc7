using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>
/// The damped Gauss–Newton system of one linearisation: d(λ) solves (JᵀJ + λI) d = Jᵀr for any λ ≥ 0 without
/// linearising again, so that a trust-region step can try several λ at the price of one loss evaluation each.
/// </summary>
internal interface IDampedSolver
{
    /// <summary>The scale damping is relative to (σ_max(J)² or its stand-in): λ = relative damping · Scale.</summary>
    double Scale { get; }

    /// <summary>d(λ) [D] and the reduction of ½‖r − J d‖² the linear model predicts for the step −d(λ).</summary>
    (torch.Tensor Direction, double PredictedReduction) Solve(double lambda);
}
