using System.Globalization;
using Pinn.Abstractions.Plugins;

namespace Pinn.Problems.Burgers.SelfSimilarBurgers;

/// <summary>Options of <c>burgers-self-similar</c>.</summary>
public sealed record SelfSimilarBurgersOptions : IValidatableOptions
{
    /// <summary>
    /// The largest profile index accepted: the smoothness condition needs derivatives of order 2k + 4, and
    /// the highest order an engine here is built for is 20 (n-tangentprop's maxOrder).
    /// </summary>
    public const int MaxProfile = 8;

    /// <summary>The profile index k, 0..8: λ_k = 1/(2k+2), U + U^{2k+3} = −X (k = 0 is the stable profile).</summary>
    public int Profile { get; init; }

    /// <summary>λ at the start of training, inside (1/(2k+3), 1/(2k+1)); null: the middle of that interval.</summary>
    public double? InitialLambda { get; init; }

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Profile is < 0 or > MaxProfile)
        {
            yield return new(nameof(Profile), $"must be between 0 and {MaxProfile} (derivatives of order 2k + 4 ≤ 20)");
            yield break;
        }
        if (InitialLambda is { } lambda)
        {
            var interval = LambdaInterval.ForProfile(Profile);
            if (!(lambda > interval.Lower && lambda < interval.Upper))
                yield return new(nameof(InitialLambda), string.Create(CultureInfo.InvariantCulture,
                    $"must lie strictly inside ({interval.Lower:G6}, {interval.Upper:G6}) = (1/(2k+3), 1/(2k+1)) for profile k = {Profile}"));
        }
    }
}
