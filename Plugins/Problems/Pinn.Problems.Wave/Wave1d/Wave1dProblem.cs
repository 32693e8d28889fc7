using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Wave.Wave1d;

/// <summary>
/// PINNacle's Wave1d-C: ∂tt u = 4 ∂xx u on (t, x) ∈ [0, 1]², u* = sin(πx) cos(2πt) + ½ sin(aπx) cos(2aπt). On the
/// edge t = 0, u = u* and the Neumann condition ∂u/∂n = 0 (the outward normal is −e_t, so ∂t u = 0); u = 0 at
/// x = 0 and x = 1; nothing at t = 1. Inputs (t, x): the edges of the square are its faces <c>left</c> (t = 0),
/// <c>right</c> (t = 1), <c>bottom</c> (x = 0) and <c>top</c> (x = 1).
/// </summary>
internal sealed class Wave1dProblem : PdeProblem
{
    private const double Speed = 2;
    private static readonly Box Square = Box.Unit(2);
    private readonly double _frequency;

    public Wave1dProblem(Wave1dOptions options) : base(["t", "x"], Square)
    {
        _frequency = options.Frequency;
        var utt = PartialDerivative.Of(0, 0);
        var uxx = PartialDerivative.Of(1, 1);
        Conditions =
        [
            new Condition("interior", Square, DerivativeRequest.Of(utt, uxx), i => i.Derivatives[utt] - Speed * Speed * i.Derivatives[uxx], DefaultPoints: 8192),
            new Condition("initial", Square.Boundary("left"), DerivativeRequest.ValueOnly, i => i.Derivatives.Value - Solution(i.Points), DefaultPoints: 1024),
            new Condition("initial-velocity", Square.Boundary("left"), DerivativeRequest.Of(PartialDerivative.Of(0)), i => i.NormalDerivative(), DefaultPoints: 1024),
            new Condition("boundary", Square.Boundary("bottom", "top"), DerivativeRequest.ValueOnly, i => i.Derivatives.Value, DefaultPoints: 1024),
        ];
    }

    public override torch.Tensor Solution(torch.Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var (t, s) = (x[.., 0..1], x[.., 1..2]);
        var first = (s * Math.PI).sin() * (t * (Speed * Math.PI)).cos();
        var second = 0.5 * (s * (_frequency * Math.PI)).sin() * (t * (Speed * _frequency * Math.PI)).cos();
        return (first + second).MoveToOuterDisposeScope();
    }
}
