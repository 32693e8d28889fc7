using TorchSharp;

namespace Pinn.Problems.Burgers.SelfSimilarBurgers;

/// <summary>
/// The parametrisation λ = lo + (hi − lo)·sigmoid(s) that keeps the self-similar exponent inside the open
/// interval (lo, hi) = (1/(2k+3), 1/(2k+1)) around λ_k = 1/(2k+2), whatever value the trainable scalar s takes.
/// </summary>
/// <param name="Lower">lo.</param>
/// <param name="Upper">hi &gt; lo.</param>
internal sealed record LambdaInterval(double Lower, double Upper)
{
    /// <summary>(1/(2k+3), 1/(2k+1)) for profile k.</summary>
    public static LambdaInterval ForProfile(int k) => new(1.0 / (2 * k + 3), 1.0 / (2 * k + 1));

    /// <summary>λ(s) for the trainable scalar s (any shape), differentiable in s.</summary>
    public torch.Tensor Lambda(torch.Tensor s) => Lower + (Upper - Lower) * torch.sigmoid(s);

    /// <summary>λ(s) for a number.</summary>
    public double Lambda(double s) => Lower + (Upper - Lower) / (1 + Math.Exp(-s));

    /// <summary>The s with λ(s) = <paramref name="lambda"/>, for λ strictly inside the interval.</summary>
    public double Logit(double lambda)
    {
        if (!(lambda > Lower && lambda < Upper)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"must lie inside ({Lower}, {Upper})");
        var p = (lambda - Lower) / (Upper - Lower);
        return Math.Log(p / (1 - p));
    }
}
