using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Geometry;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Problems.Burgers.SelfSimilarBurgers;

/// <summary>
/// Smooth self-similar profiles of inviscid Burgers (u = (1−t)^λ U(X), X = x/(1−t)^{1+λ}): find U and λ with
/// R = −λU + ((1+λ)X + U) U′ = 0 on X ∈ [−2, 2], U(−2) = 1, U(2) = −1, U smooth at 0. The set-up of the
/// n-TangentProp experiments: "interior" penalises R and R′ ([N, 2] residual) on [−2, 2]; "boundary" the
/// end values; "smoothness" the (2k+3)-th derivative of R on [−0.075, 0.075], which singles out
/// λ_k = 1/(2k+2). λ is trained through s, λ = lo + (hi − lo)·sigmoid(s) inside (1/(2k+3), 1/(2k+1)).
/// The exact profile solves U + U^{2k+3} = −X. Input is X, output U.
/// </summary>
internal sealed class SelfSimilarBurgersProblem : PdeProblem, IReportingProblem
{
    /// <summary>The plugin name.</summary>
    public const string Name = "burgers-self-similar";

    /// <summary>The name of the trainable scalar s behind λ in <see cref="ResidualInputs.Parameters"/>.</summary>
    public const string LambdaParameter = "lambdaLogit";

    private readonly SelfSimilarProfile _profile;

    public SelfSimilarBurgersProblem(SelfSimilarBurgersOptions options)
        : base(["X"], Interval.Of(-2, 2))
    {
        var k = options.Profile;
        _profile = new SelfSimilarProfile(k);
        LambdaBounds = LambdaInterval.ForProfile(k);
        var initial = options.InitialLambda ?? 0.5 * (LambdaBounds.Lower + LambdaBounds.Upper);
        Parameters = [new ProblemParameter(LambdaParameter, [LambdaBounds.Logit(initial)])];
        SmoothnessOrder = 2 * k + 3;

        // U^{(n)} for n = 0..2k+4: the smoothness condition's R^{(2k+3)} needs one more than its order.
        var orders = Enumerable.Range(0, SmoothnessOrder + 2)
                               .Select(n => n == 0 ? PartialDerivative.Value : PartialDerivative.Of(Enumerable.Repeat(0, n).ToArray()))
                               .ToArray();
        Conditions =
        [
            new Condition("interior", Interval.Of(-2, 2), DerivativeRequest.Of(orders[..3]),
                          i => InteriorResidual(i, orders), DefaultPoints: 301),
            new Condition("boundary", new BoxBoundary(Interval.Of(-2, 2)), DerivativeRequest.ValueOnly,
                          i => i.Derivatives.Value + 0.5 * i.Points, DefaultPoints: 2),
            new Condition("smoothness", Interval.Of(-0.075, 0.075), DerivativeRequest.Of(orders),
                          i => ProfileResidual.Derivative(SmoothnessOrder, i.Points, Gather(i, orders), LambdaOf(i)), DefaultPoints: 31),
        ];
    }

    /// <summary>The interval λ is kept in and its parametrisation.</summary>
    public LambdaInterval LambdaBounds { get; }

    /// <summary>2k + 3: the derivative of R the smoothness condition penalises.</summary>
    public int SmoothnessOrder { get; }

    /// <summary>λ_k = 1/(2k+2), the exponent of the exact smooth profile (for reports: |λ − λ_k|).</summary>
    public double ExactLambda => _profile.Lambda;

    /// <summary>The exact profile.</summary>
    public SelfSimilarProfile Profile => _profile;

    /// <summary>λ and |λ − λ_k| for the trained parameters.</summary>
    public IReadOnlyDictionary<string, double> Report(IReadOnlyDictionary<string, torch.Tensor> parameters)
    {
        var lambda = Lambda(parameters);
        return new Dictionary<string, double> { ["lambda"] = lambda, ["lambdaError"] = Math.Abs(lambda - ExactLambda) };
    }

    /// <summary>λ for the trained parameters (the values of <see cref="ResidualInputs.Parameters"/>).</summary>
    public double Lambda(IReadOnlyDictionary<string, torch.Tensor> parameters)
        => LambdaBounds.Lambda(parameters[LambdaParameter].detach().cpu().to(torch.float64).ToDouble());

    /// <summary>The exact profile U_k(X) [N, 1] at X [N, 1].</summary>
    public override torch.Tensor Solution(torch.Tensor x)
    {
        if (x.dim() != 2 || x.shape[1] != 1) throw new ArgumentException($"points: expected [N, 1], got [{string.Join(", ", x.shape)}]", nameof(x));
        var points = x.detach().to(torch.float64, torch.CPU).contiguous().data<double>().ToArray();
        var values = points.Select(_profile.Value).ToArray();
        return torch.tensor(values, [values.Length, 1], torch.float64, torch.CPU).to(x.dtype, x.device);
    }

    /// <summary>[R, R′] [N, 2].</summary>
    private torch.Tensor InteriorResidual(ResidualInputs i, PartialDerivative[] orders)
    {
        var u = Gather(i, orders[..3]);
        var lambda = LambdaOf(i);
        return torch.cat([ProfileResidual.Derivative(0, i.Points, u, lambda), ProfileResidual.Derivative(1, i.Points, u, lambda)], 1);
    }

    private torch.Tensor LambdaOf(ResidualInputs i) => LambdaBounds.Lambda(i.Parameters[LambdaParameter]);

    private static torch.Tensor[] Gather(ResidualInputs i, PartialDerivative[] orders) => orders.Select(o => i.Derivatives[o]).ToArray();
}
