using Pinn.Abstractions.Sampling;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Samplers.Standard.Halton;

/// <summary>
/// Scrambled Halton points: axis j is the radical inverse of the point index in the j-th prime base b,
/// with every digit position passed through its own random permutation of {0, …, b−1}, and the cell left
/// below the last digit filled by a uniform draw. Permuting digits keeps the sequence's stratification
/// (the first bᵐ points put exactly one point in each interval [k/bᵐ, (k+1)/bᵐ) of the axis) while
/// breaking the correlations between high prime bases that make plain Halton points line up.
/// </summary>
internal sealed class HaltonSampler(TensorSpec spec) : UnitCubeSampler(spec)
{
    protected override torch.Tensor SampleUnitCube(int count, int dimension, torch.Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        var primes = Primes(dimension);
        var index = torch.arange(count, torch.int64);
        var axes = new torch.Tensor[dimension];
        for (var j = 0; j < dimension; j++)
        {
            var b = primes[j];
            var digits = (int)Math.Ceiling(Math.Log(Math.Max(count, 2)) / Math.Log(b)) + 1;
            var value = torch.zeros(count, torch.float64);
            var remaining = index.clone();
            var scale = 1.0;
            for (var k = 0; k < digits; k++)
            {
                scale /= b;
                var digit = remaining.remainder(b);
                remaining = remaining.div(b, rounding_mode: torch.RoundingMode.floor);
                var permutation = torch.rand(b, torch.float64, generator: generator).argsort();
                value.add_(permutation.index_select(0, digit).to_type(torch.float64), scale);
            }
            value.add_(torch.rand(count, torch.float64, generator: generator), scale);   // uniform inside the last cell
            axes[j] = value;
        }
        return torch.stack(axes, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The first <paramref name="count"/> primes.</summary>
    internal static int[] Primes(int count)
    {
        var primes = new List<int>();
        for (var n = 2; primes.Count < count; n++)
            if (primes.TrueForAll(p => p * p > n || n % p != 0)) primes.Add(n);
        return [.. primes];
    }
}
