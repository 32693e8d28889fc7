using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Heat.Heat2dMultiscale;

/// <summary>
/// PINNacle's Heat2d-MS: ∂t u = ε₁ ∂xx u + ε₂ ∂yy u with ε₁ = 1/(500π)², ε₂ = 1/π² on [0,1]² × [0,5], u = 0 on the
/// sides, u(0) = sin(kπx) sin(πy); u* = sin(kπx) sin(πy) exp(−(k²π²ε₁ + π²ε₂) t) (k = 20: exp(−1.0016 t)).
/// Inputs (t, x, y).
/// </summary>
internal sealed class Heat2dMultiscaleProblem : PdeProblem
{
    private const double EndTime = 5;
    private static readonly double Epsilon1 = 1 / Math.Pow(500 * Math.PI, 2);
    private static readonly double Epsilon2 = 1 / (Math.PI * Math.PI);
    private readonly double _frequency;
    private readonly double _decay;

    public Heat2dMultiscaleProblem(Heat2dMultiscaleOptions options)
        : base(["t", "x", "y"], new TimeSpaceProduct(0, EndTime, Box.Unit(2)))
    {
        _frequency = options.Frequency;
        _decay = _frequency * _frequency * Math.PI * Math.PI * Epsilon1 + Math.PI * Math.PI * Epsilon2;
        var ut = PartialDerivative.Of(0);
        var uxx = PartialDerivative.Of(1, 1);
        var uyy = PartialDerivative.Of(2, 2);
        var square = Box.Unit(2);
        Conditions =
        [
            new Condition("interior", new TimeSpaceProduct(0, EndTime, square), DerivativeRequest.Of(ut, uxx, uyy),
                          i => i.Derivatives[ut] - Epsilon1 * i.Derivatives[uxx] - Epsilon2 * i.Derivatives[uyy], DefaultPoints: 32768),
            new Condition("boundary", new TimeSpaceProduct(0, EndTime, square.Boundary()), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value, DefaultPoints: 8192),
            new Condition("initial", new TimeSlice(0, square), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value - Profile(i.Points), DefaultPoints: 8192),
        ];
    }

    /// <summary>sin(kπx) sin(πy) [N, 1] at points (t, x, y).</summary>
    private torch.Tensor Profile(torch.Tensor x) => (x[.., 1..2] * (_frequency * Math.PI)).sin() * (x[.., 2..3] * Math.PI).sin();

    public override torch.Tensor Solution(torch.Tensor x) => Profile(x) * (x[.., 0..1] * -_decay).exp();
}
