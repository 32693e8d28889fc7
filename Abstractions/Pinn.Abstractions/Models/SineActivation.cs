using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>sin; σ⁽ᵏ⁾(x) = sin(x + kπ/2), which cycles through sin, cos, −sin, −cos.</summary>
public sealed class SineActivation : Activation
{
    /// <inheritdoc />
    public override string Name => "sin";

    /// <inheritdoc />
    public override torch.Tensor Apply(torch.Tensor x) => x.sin();

    /// <inheritdoc />
    public override torch.Tensor[] Derivatives(torch.Tensor x, int maxOrder)
    {
        CheckOrder(maxOrder);
        var sin = x.sin();
        var cos = maxOrder >= 1 ? x.cos() : null;
        var result = new torch.Tensor[maxOrder + 1];
        for (var k = 0; k <= maxOrder; k++)
        {
            result[k] = (k % 4) switch
            {
                0 => k == 0 ? sin : sin.alias(),
                1 => k == 1 ? cos! : cos!.alias(),
                2 => sin.neg(),
                _ => cos!.neg(),
            };
        }
        return result;
    }
}
