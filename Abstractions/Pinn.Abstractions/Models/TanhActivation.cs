using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>tanh; with t = tanh x every derivative is a polynomial in t (P_{k+1} = P_k′ · (1 − t²)).</summary>
public sealed class TanhActivation : Activation
{
    /// <inheritdoc />
    public override string Name => "tanh";

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor x) => x.tanh();

    /// <inheritdoc />
    public override torch.Tensor[] Derivatives(torch.Tensor x, int maxOrder)
    {
        CheckOrder(maxOrder);
        using var t = x.tanh();
        return DerivativePolynomials.Tanh.Evaluate(t, maxOrder);
    }
}
