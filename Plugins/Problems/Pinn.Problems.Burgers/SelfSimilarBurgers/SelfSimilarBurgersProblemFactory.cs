using Pinn.Abstractions.Plugins;
using Pinn.Abstractions.Problems;

namespace Pinn.Problems.Burgers.SelfSimilarBurgers;

/// <summary>Exports <c>burgers-self-similar</c>.</summary>
[Plugin(PluginKind.Problem, SelfSimilarBurgersProblem.Name,
        Description = "Smooth self-similar Burgers profile k and its exponent λ (trainable): −λU + ((1+λ)X + U)U′ = 0 on [−2,2], U(∓2) = ±1")]
public sealed class SelfSimilarBurgersProblemFactory : ProblemFactory<SelfSimilarBurgersOptions>
{
    /// <inheritdoc />
    protected override IProblem Create(SelfSimilarBurgersOptions options, ProblemContext context) => new SelfSimilarBurgersProblem(options);
}
