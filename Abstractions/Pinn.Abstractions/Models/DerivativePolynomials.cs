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
        if (maxOrder <= 2)
        {
            for (var k = 1; k <= maxOrder; k++) result[k] = Horner(Coefficients(k), y);
            return result;
        }
        // Many orders at once: the powers y⁰…y^(n+1) once, then every P_k in one matrix product
        // C [n, n+2] · Y [n+2, M]. Horner per order costs about (n+1) ops per order, n² in all, and at
        // order 8 that was most of n-TangentProp's activation step.
        using var scope = torch.NewDisposeScope();
        var degree = maxOrder + 1;
        var flat = y.reshape(-1);
        var powers = new torch.Tensor[degree + 1];
        powers[0] = torch.ones_like(flat);
        powers[1] = flat;
        for (var i = 2; i <= degree; i++) powers[i] = powers[i - 1] * flat;
        var coefficients = new double[maxOrder * (degree + 1)];
        for (var k = 1; k <= maxOrder; k++)
        {
            var c = Coefficients(k);
            Array.Copy(c, 0, coefficients, (k - 1) * (degree + 1), c.Length);
        }
        var matrix = torch.tensor(coefficients, [maxOrder, degree + 1], y.dtype, y.device);
        var all = torch.matmul(matrix, torch.stack(powers, 0));                 // [n, M], rows contiguous
        for (var k = 1; k <= maxOrder; k++) result[k] = all[k - 1].view(y.shape).MoveToOuterDisposeScope();
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
