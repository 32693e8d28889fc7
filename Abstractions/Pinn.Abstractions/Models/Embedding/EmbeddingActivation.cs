using TorchSharp;

namespace Pinn.Abstractions.Models.Embedding;

/// <summary>
/// The embedding's elementwise map along the last axis: sin on the features marked in <c>sine</c> [p], the identity on the
/// others. Its derivatives are exact like every activation's: σ⁽ᵏ⁾ = sin(z + kπ/2) on sine features; 1, then 0, on
/// identity features.
/// </summary>
internal sealed class EmbeddingActivation(torch.Tensor sine) : Activation
{
    private static readonly SineActivation Sine = new();

    public override string Name => "embedding";

    public override torch.Tensor Apply(torch.Tensor x) => torch.where(sine, x.sin(), x);

    public override torch.Tensor[] Derivatives(torch.Tensor x, int maxOrder)
    {
        CheckOrder(maxOrder);
        using var scope = torch.NewDisposeScope();
        var sin = Sine.Derivatives(x, maxOrder);
        var result = new torch.Tensor[maxOrder + 1];
        for (var k = 0; k <= maxOrder; k++)
        {
            var identity = k switch
            {
                0 => x,
                1 => torch.ones([1], x.dtype, x.device),
                _ => torch.zeros([1], x.dtype, x.device),
            };
            result[k] = torch.where(sine, sin[k], identity).MoveToOuterDisposeScope();
        }
        return result;
    }
}
