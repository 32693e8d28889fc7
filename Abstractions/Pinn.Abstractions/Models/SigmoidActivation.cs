using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>The logistic sigmoid s; every derivative is a polynomial in s (s′ = s − s²).</summary>
public sealed class SigmoidActivation : Activation
{
    /// <inheritdoc />
    public override string Name => "sigmoid";

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor x) => x.sigmoid();

    /// <inheritdoc />
    public override torch.Tensor[] Derivatives(torch.Tensor x, int maxOrder)
    {
        CheckOrder(maxOrder);
        using var s = x.sigmoid();
        return DerivativePolynomials.Sigmoid.Evaluate(s, maxOrder);
    }
}
