using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>softplus log(1 + eˣ); its derivative is the sigmoid, so order k ≥ 1 is the sigmoid's order k − 1.</summary>
public sealed class SoftplusActivation : Activation
{
    /// <inheritdoc />
    public override string Name => "softplus";

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor x) => torch.nn.functional.softplus(x);

    /// <inheritdoc />
    public override torch.Tensor[] Derivatives(torch.Tensor x, int maxOrder)
    {
        CheckOrder(maxOrder);
        var result = new torch.Tensor[maxOrder + 1];
        result[0] = Apply(x);
        if (maxOrder == 0) return result;
        using var s = x.sigmoid();
        var sigmoidDerivatives = DerivativePolynomials.Sigmoid.Evaluate(s, maxOrder - 1);
        Array.Copy(sigmoidDerivatives, 0, result, 1, maxOrder);
        return result;
    }
}
