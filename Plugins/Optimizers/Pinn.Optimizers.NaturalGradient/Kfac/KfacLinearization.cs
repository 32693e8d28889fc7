using Pinn.Abstractions.Residuals;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>The start of a KFAC step: one linearisation with tapes, whose factors feed the curvature.</summary>
internal static class KfacLinearization
{
    /// <summary>The model linearised at θ with its tapes; the caller disposes it before θ changes.</summary>
    public static ITapedLinearization Of(IResidualModel model)
    {
        var linearization = model.Linearize();
        if (linearization is ITapedLinearization taped) return taped;
        linearization.Dispose();
        throw new InvalidOperationException("kfac and kfac-star need an engine that records layer tapes (forward-laplacian or n-tangentprop), "
                                            + "not one that falls back to autograd");
    }
}
