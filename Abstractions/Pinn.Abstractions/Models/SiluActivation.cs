using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>SiLU x·s(x); by Leibniz (x″ = 0): (x s)⁽ᵏ⁾ = x s⁽ᵏ⁾ + k s⁽ᵏ⁻¹⁾.</summary>
public sealed class SiluActivation : Activation
{
    /// <inheritdoc />
    public override string Name => "silu";

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor x) => x * x.sigmoid();

    /// <inheritdoc />
    public override torch.Tensor[] Derivatives(torch.Tensor x, int maxOrder)
    {
        CheckOrder(maxOrder);
        using var scope = torch.NewDisposeScope();
        var s = DerivativePolynomials.Sigmoid.Evaluate(x.sigmoid(), maxOrder);
        var result = new torch.Tensor[maxOrder + 1];
        result[0] = x * s[0];
        for (var k = 1; k <= maxOrder; k++) result[k] = torch.addcmul(s[k - 1] * k, x, s[k], 1.0);
        foreach (var r in result) r.MoveToOuterDisposeScope();
        return result;
    }
}
