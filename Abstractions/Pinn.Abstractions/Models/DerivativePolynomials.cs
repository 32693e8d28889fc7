using TorchSharp;

namespace Pinn.Abstractions.Models;

/// <summary>
/// The polynomials P_k with d^k/dx^k f(x) = P_k(f(x)) for an f whose derivative is a polynomial in f
/// itself: tanh (f′ = 1 − f²) and the logistic sigmoid (f′ = f − f²). P₀(y) = y and
/// P_{k+1}(y) = P_k′(y) · f′(y). Coefficients are exact integers (as doubles, exact up to 2⁵³),
/// computed once per order and cached.
/// </summary>
internal sealed class DerivativePolynomials
{
    private readonly double[] _generator; // f′ as coefficients in y, lowest degree first
    private readonly List<double[]> _cache = [[0.0, 1.0]];
    private readonly Lock _lock = new();

    public DerivativePolynomials(double[] derivativeOfF) => _generator = derivativeOfF;

    public static DerivativePolynomials Tanh { get; } = new([1.0, 0.0, -1.0]);

    public static DerivativePolynomials Sigmoid { get; } = new([0.0, 1.0, -1.0]);

    /// <summary>Coefficients of P_k, lowest degree first.</summary>
    public double[] Coefficients(int k)
    {
        lock (_lock)
        {
            while (_cache.Count <= k)
            {
                var p = _cache[^1];
                var dp = new double[Math.Max(p.Length - 1, 1)];
                for (var i = 1; i < p.Length; i++) dp[i - 1] = i * p[i];
                var next = new double[dp.Length + _generator.Length - 1];
                for (var i = 0; i < dp.Length; i++)
                for (var j = 0; j < _generator.Length; j++)
                    next[i + j] += dp[i] * _generator[j];
                _cache.Add(next);
            }
            return _cache[k];
        }
    }

    /// <summary>P_k(y) for k = 0..maxOrder, by Horner's rule on the tensor y.</summary>
    public torch.Tensor[] Evaluate(torch.Tensor y, int maxOrder)
    {
        var result = new torch.Tensor[maxOrder + 1];
        result[0] = y.alias();
        for (var k = 1; k <= maxOrder; k++) result[k] = Horner(Coefficients(k), y);
        return result;
    }

    private static torch.Tensor Horner(double[] c, torch.Tensor y)
    {
        var degree = c.Length - 1;
        while (degree > 0 && c[degree] == 0) degree--;
        var acc = torch.full_like(y, c[degree]);
        for (var i = degree - 1; i >= 0; i--)
        {
            acc.mul_(y);
            if (c[i] != 0) acc.add_(c[i]);
        }
        return acc;
    }
}
