using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Damping;

/// <summary>
/// One Levenberg–Marquardt step on a linearisation already solved for: try θ − d(λ) with λ = µ·scale, take it when
/// the gain ratio ρ = (L(θ) − L(θ − d)) / predicted reduction is positive, otherwise raise µ and try again from the
/// same solver (one loss evaluation per trial). A non-finite trial loss counts as rejected.
/// </summary>
/// <param name="MaxTrials">Trials per step before the step gives up (without ending the run).</param>
/// <param name="MinDamping">Floor of µ after an accepted step.</param>
/// <param name="MaxDamping">Ceiling of µ: passing it ends the run (no step lowers the loss).</param>
internal sealed record TrustRegionStep(int MaxTrials, double MinDamping, double MaxDamping)
{
    /// <summary>Takes the step on <paramref name="model"/> from loss <paramref name="loss"/>, updating
    /// <paramref name="damping"/>; <paramref name="diagnostics"/> gets damping, lambda, rho and trials.</summary>
    public StepReport Take(IResidualModel model, double loss, IDampedSolver solver, AdaptiveDamping damping, Dictionary<string, double> diagnostics)
    {
        if (solver.Scale == 0) return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = "the Jacobian is zero" };
        for (var trial = 1; trial <= MaxTrials; trial++)
        {
            using var scope = torch.NewDisposeScope();
            var lambda = damping.Relative * solver.Scale;
            var (direction, predicted) = solver.Solve(lambda);
            var trialLoss = model.LossesAlong(direction, [-1.0]).ToDouble();
            var rho = double.IsFinite(trialLoss) && predicted > 0 ? (loss - trialLoss) / predicted : double.NegativeInfinity;
            diagnostics["damping"] = damping.Relative;
            diagnostics["lambda"] = lambda;
            diagnostics["rho"] = double.IsFinite(rho) ? rho : -1;
            diagnostics["trials"] = trial;
            if (rho > 0)
            {
                model.AddToParameters(direction, -1);
                damping.Accepted(rho, MinDamping);
                return new StepReport(loss, 1) { Diagnostics = diagnostics };
            }
            damping.Rejected();
            if (damping.Relative > MaxDamping)
                return new StepReport(loss, 0) { Diagnostics = diagnostics, StopReason = $"damping above maxDamping {MaxDamping:G3} and still no step lowers the loss" };
        }
        return new StepReport(loss, 0) { Diagnostics = diagnostics };
    }
}
