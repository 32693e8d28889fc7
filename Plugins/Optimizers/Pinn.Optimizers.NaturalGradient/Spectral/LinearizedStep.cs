using Pinn.Abstractions.Optimization;
using Pinn.Abstractions.Residuals;
using TorchSharp;

namespace Pinn.Optimizers.NaturalGradient.Spectral;

/// <summary>The start of every Gauss–Newton-type step: the model linearised at θ, r [M] and L = ½‖r‖².
/// Dispose it (it disposes the linearisation).</summary>
internal sealed class LinearizedStep(ILinearization linearization) : IDisposable
{
    /// <summary>Linearises <paramref name="model"/> at its current θ.</summary>
    public static LinearizedStep At(IResidualModel model) => new(model.Linearize());

    /// <summary>r and J at θ.</summary>
    public ILinearization Linearization { get; } = linearization;

    /// <summary>r [M].</summary>
    public torch.Tensor Residuals => Linearization.Residuals;

    /// <summary>L = ½‖r‖².</summary>
    public double Loss { get; } = 0.5 * linearization.Residuals.dot(linearization.Residuals).ToDouble();

    /// <summary>dL(θ − αd)/dα at α = 0, −rᵀ(J d), for <paramref name="direction"/> [D]: the slope of the ray the line search walks.</summary>
    public double SlopeAlong(torch.Tensor direction)
    {
        using var scope = torch.NewDisposeScope();
        return -Residuals.dot(Linearization.Times(direction)).ToDouble();
    }

    /// <summary>The report that ends the run when L is not finite (nothing to linearise from); null otherwise.</summary>
    public StepReport? NonFiniteLoss => double.IsFinite(Loss) ? null : new StepReport(Loss, 0) { StopReason = "non-finite loss" };

    public void Dispose() => Linearization.Dispose();
}
